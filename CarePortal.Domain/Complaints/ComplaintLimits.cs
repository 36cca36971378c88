namespace CarePortal.Domain.Complaints;

/// <summary>The free-text fields a step asks for, named in a refusal when one is too long.</summary>
public enum ComplaintTextField
{
    Note,
    Cause,
    ResponsiblePerson,
    Measures,
    Report,
}

/// <summary>
/// The longest text each field of a step may hold: one place for the step dialog's <c>MaxLength</c>
/// and counter and for <see cref="Complaint.Apply"/>, which refuses longer text before anything
/// changes. The note is the timeline's note column (SQL Server refuses longer values; SQLite would
/// keep them); the others follow the register's own texts and names.
/// </summary>
public static class ComplaintLimits
{
    public const int Note = FieldLengths.Text;
    public const int Cause = FieldLengths.Text;
    public const int ResponsiblePerson = FieldLengths.Name;
    public const int Measures = FieldLengths.Text;
    public const int Report = FieldLengths.Text;

    /// <summary>
    /// What the user may type as the note of <paramref name="action"/>: dispatching writes the
    /// department's name and ": " before it on the timeline, so its note leaves room for them.
    /// </summary>
    public static int NoteOf(ComplaintAction action) =>
        action == ComplaintAction.Dispatch ? Note - FieldLengths.DepartmentName - 2 : Note;

    /// <summary>The first field of <paramref name="command"/> longer than its limit, and that limit; null when all fit.</summary>
    public static Refusal? TooLong(ComplaintCommand command)
    {
        (ComplaintTextField Field, string? Text, int Max)[] fields =
        [
            (ComplaintTextField.Cause, command.Cause, Cause),
            (ComplaintTextField.ResponsiblePerson, command.ResponsiblePerson, ResponsiblePerson),
            (ComplaintTextField.Measures, command.Measures, Measures),
            (ComplaintTextField.Report, command.Report, Report),
            // The note as the timeline will keep it (a dispatch's with the department's name before it).
            (ComplaintTextField.Note, command.Note, Note),
        ];
        foreach (var (field, text, max) in fields)
        {
            if (text?.Trim().Length > max)
            {
                return new Refusal("Refusal.TooLong", field, field == ComplaintTextField.Note ? NoteOf(command.Action) : max);
            }
        }

        return null;
    }
}
