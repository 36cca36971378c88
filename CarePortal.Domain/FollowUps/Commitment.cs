namespace CarePortal.Domain.FollowUps;

/// <summary>A promise to make, written down when a follow-up is completed (the form's row; never written to).</summary>
public sealed record CommitmentInput(string Text, DateOnly DueOn);

/// <summary>
/// A commitment made to a customer on a follow-up (「落实对客户的承诺」): what was promised and by
/// when. It stays on the customer until it is kept; once its day passes unkept, the account manager
/// is alerted (once, by the SLA pass).
/// </summary>
public sealed class Commitment
{
    public const int TextMax = 500;

    /// <summary>How far ahead a commitment (or the next visit) may be due: further is a typing slip.</summary>
    public const int YearsAheadMax = 2;

    /// <summary>The most commitments one follow-up records.</summary>
    public const int PerFollowUpMax = 10;

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public int? FollowUpId { get; private set; }
    public string Text { get; private set; } = "";
    public DateOnly DueOn { get; private set; }

    /// <summary>The end of the due day, in UTC (the company's day): when the SLA pass looks at it.</summary>
    public DateTime DueAtUtc { get; private set; }

    /// <summary>Who made the promise (their user id and name).</summary>
    public string MadeById { get; private set; } = "";

    public string MadeByName { get; private set; } = "";
    public DateTime MadeAtUtc { get; private set; }
    public DateTime? KeptAtUtc { get; private set; }
    public string KeptByName { get; private set; } = "";

    /// <summary>When the SLA pass told the account manager it was missed (once).</summary>
    public DateTime? MissedFlaggedAtUtc { get; private set; }

    public bool IsOpen => KeptAtUtc is null;

    private Commitment()
    {
    }

    /// <summary>
    /// The commitments of one completed follow-up, or why none is recorded: an empty text is left out,
    /// a text too long, too many, or a day before <paramref name="today"/> refuse them all.
    /// </summary>
    public static (IReadOnlyList<Commitment> Made, Refusal? Refusal) Make(
        IReadOnlyList<CommitmentInput> inputs, int customerId, int? followUpId, string byId, string byName, DateOnly today, Func<DateOnly, DateTime> endOfDayUtc, DateTime nowUtc)
    {
        var made = new List<Commitment>();
        foreach (var input in inputs.Where(i => !string.IsNullOrWhiteSpace(i.Text)))
        {
            var text = input.Text.Trim();
            if (text.Length > TextMax)
            {
                return ([], new Refusal("Validation.TooLong"));
            }

            if (input.DueOn < today)
            {
                return ([], new Refusal("Commitments.DueInThePast", text));
            }

            if (input.DueOn > today.AddYears(YearsAheadMax))
            {
                return ([], new Refusal("Commitments.DueTooFar", text, YearsAheadMax));
            }

            made.Add(new Commitment
            {
                CustomerId = customerId, FollowUpId = followUpId, Text = text, DueOn = input.DueOn, DueAtUtc = endOfDayUtc(input.DueOn),
                MadeById = byId, MadeByName = byName, MadeAtUtc = nowUtc,
            });
        }

        return made.Count > PerFollowUpMax ? ([], new Refusal("Commitments.TooMany", PerFollowUpMax)) : (made, null);
    }

    /// <summary>Marks it kept, or says it already is.</summary>
    public Refusal? Keep(string byName, DateTime nowUtc)
    {
        if (!IsOpen)
        {
            return new Refusal("Commitments.AlreadyKept", KeptByName);
        }

        (KeptAtUtc, KeptByName) = (nowUtc, byName);
        return null;
    }
}
