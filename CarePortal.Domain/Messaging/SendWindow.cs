namespace CarePortal.Domain.Messaging;

/// <summary>
/// What an outbound message is. Its kind, not the dispatcher, decides when it may go out
/// (<see cref="MessageKinds.Window"/>): a greeting waits for the daytime, a customer's receipt or an
/// escalated alert goes at any hour.
/// </summary>
public enum MessageKind
{
    /// <summary>A care campaign's greeting (客户关怀): only in the daytime, never in quiet hours.</summary>
    Greeting,

    /// <summary>A customer's receipt (the acceptance number and promised reply time): at once, at any hour.</summary>
    Receipt,

    /// <summary>An escalated alert by e-mail or IM: at any hour.</summary>
    EscalatedAlert,
}

public static class MessageKinds
{
    /// <summary>When messages of this kind may go out.</summary>
    public static SendWindow Window(this MessageKind kind) => kind switch
    {
        MessageKind.Greeting => SendWindow.Daytime,
        _ => SendWindow.AnyHour,
    };
}

/// <summary>
/// When a kind of message may go out (company time): at any hour, or only outside its quiet hours.
/// A message due while the window is shut waits for it to open; nothing is planned into it.
/// </summary>
public sealed record SendWindow(QuietHours? Quiet)
{
    public static readonly SendWindow AnyHour = new((QuietHours?)null);

    /// <summary>Outside the quiet hours, 08:00–21:00.</summary>
    public static readonly SendWindow Daytime = new(QuietHours.Default);

    /// <summary>When the window opens each day (midnight for any hour).</summary>
    public TimeOnly Opens => Quiet?.End ?? TimeOnly.MinValue;

    /// <summary>When it closes each day (midnight for any hour: it never does).</summary>
    public TimeOnly Closes => Quiet?.Start ?? TimeOnly.MinValue;

    /// <summary>Whether a message may go out at this time of day.</summary>
    public bool Allows(TimeOnly time) => Quiet is null || !Quiet.Contains(time);

    /// <summary>Whether a message may go out at this moment (company time).</summary>
    public bool IsOpen(DateTime local) => Allows(TimeOnly.FromDateTime(local));

    /// <summary>The moment itself when the window is open, else when it next opens (the next morning for a late evening).</summary>
    public DateTime NextOpen(DateTime local) => Quiet?.ShiftOut(local) ?? local;
}

/// <summary>Hours when a kind of message is not sent (e.g. 21:00–08:00); a window may cross midnight.</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static readonly QuietHours Default = new(new TimeOnly(21, 0), new TimeOnly(8, 0));

    public bool Contains(TimeOnly time) =>
        Start <= End ? time >= Start && time < End : time >= Start || time < End;

    /// <summary>The same time, or the end of the quiet hours it falls in (the next morning for a late evening).</summary>
    public DateTime ShiftOut(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        if (!Contains(time))
        {
            return local;
        }

        var day = DateOnly.FromDateTime(local);
        var endsNextDay = Start > End && time >= Start;
        return (endsNextDay ? day.AddDays(1) : day).ToDateTime(End);
    }
}
