using CarePortal.Domain.Calendar;
using System.Globalization;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Messaging;
using CarePortal.Domain.Staff;

namespace CarePortal.Domain.Campaigns;

public enum CampaignChannel
{
    Email,
    Sms,

    /// <summary>A follow-up task for the account manager to call or visit, with a gift note.</summary>
    CallList,
}

public enum CampaignStatus
{
    Draft,
    Scheduled,
    Paused,
    Completed,
    Cancelled,
}

public enum GreetingStatus
{
    Planned,
    Sending,
    Sent,
    Failed,
    Skipped,
}

/// <summary>A care campaign (客户关怀): an occasion, an audience, a channel, templates and a send time.</summary>
public sealed class CareCampaign
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public OccasionKind Occasion { get; set; }

    /// <summary>The date of a custom occasion.</summary>
    public YearlyDate? CustomDate { get; set; }

    public CustomerTier? AudienceTier { get; set; }
    public CustomerKind? AudienceKind { get; set; }
    public string AudienceSegment { get; set; } = "";
    public string AudienceTag { get; set; } = "";
    public string? AudienceAccountManagerId { get; set; }
    public CampaignChannel Channel { get; set; }
    public string TemplateChinese { get; set; } = "";
    public string TemplateEnglish { get; set; } = "";
    public TimeOnly SendTime { get; set; } = new(9, 0);
    public int DaysBefore { get; set; }
    public CampaignStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The concurrency token: one more on every change, so a save from an older copy is refused.</summary>
    public int Version { get; private set; }

    /// <summary>Who made the last change (their name), and when.</summary>
    public string ChangedBy { get; private set; } = "";

    public DateTime? ChangedAtUtc { get; private set; }

    /// <summary>
    /// Takes one lifecycle step (<see cref="CampaignLifecycle"/>); <paramref name="occasionGreeted"/>
    /// says whether the occasion is greeted (nothing left to send, something sent), which completing needs.
    /// Returns why it was refused, or null when the campaign changed: then its version is one more and
    /// it records who changed it and when.
    /// </summary>
    public Refusal? Apply(CampaignAction action, Actor actor, DateTime nowUtc, bool occasionGreeted = false)
    {
        if (CampaignLifecycle.Target(Status, action) is not { } target)
        {
            return new Refusal("Refusal.CampaignNotFromStatus", action, Status);
        }

        if (!CampaignLifecycle.Permits(actor, action))
        {
            return new Refusal("Refusal.CampaignNotPermitted", action);
        }

        if (action == CampaignAction.Complete && !occasionGreeted)
        {
            return new Refusal("Refusal.CampaignNotGreeted");
        }

        Status = target;
        Version++;
        ChangedBy = actor.Name;
        ChangedAtUtc = nowUtc;
        return null;
    }

    /// <summary>A new draft with <paramref name="fields"/>, created at <paramref name="nowUtc"/>.</summary>
    public static CareCampaign Draft(CampaignFields fields, DateTime nowUtc)
    {
        var campaign = new CareCampaign { Name = fields.Name, Status = CampaignStatus.Draft, CreatedAtUtc = nowUtc };
        campaign.CopyFieldsFrom(fields);
        return campaign;
    }

    /// <summary>The editable fields as they are now (an immutable copy).</summary>
    public CampaignFields Fields() => new(
        Name, Occasion, CustomDate, AudienceTier, AudienceKind, AudienceSegment, AudienceTag, AudienceAccountManagerId,
        Channel, TemplateChinese, TemplateEnglish, SendTime, DaysBefore);

    /// <summary>What an editor holding this copy saves: its id, the version it was loaded at, and its fields.</summary>
    public CampaignEdit ToEdit() => new(Id, Version, Fields());

    /// <summary>Takes the editable fields (what the editor shows) from <paramref name="edited"/>; not the status.</summary>
    public void CopyFieldsFrom(CampaignFields edited)
    {
        Name = edited.Name;
        Occasion = edited.Occasion;
        CustomDate = edited.CustomDate;
        AudienceTier = edited.AudienceTier;
        AudienceKind = edited.AudienceKind;
        AudienceSegment = edited.AudienceSegment;
        AudienceTag = edited.AudienceTag;
        AudienceAccountManagerId = edited.AudienceAccountManagerId;
        Channel = edited.Channel;
        TemplateChinese = edited.TemplateChinese;
        TemplateEnglish = edited.TemplateEnglish;
        SendTime = edited.SendTime;
        DaysBefore = edited.DaysBefore;
    }

    /// <summary>How far ahead greetings are planned: occasions in the coming days (plus the days before).</summary>
    public const int PlanningWindowDays = 31;

    public Occasion ToOccasion() => new(Occasion, CustomDate);

    /// <summary>The last occasion day that planning on <paramref name="today"/> reaches.</summary>
    public DateOnly PlanningUntil(DateOnly today, int windowDays = PlanningWindowDays) => today.AddDays(windowDays + DaysBefore);

    /// <summary>
    /// The next occurrence of the occasion from <paramref name="today"/> on, with the local time its
    /// greetings go out and the day planning reaches it; null for birthdays, which are each customer's own.
    /// </summary>
    public NextGreeting? Next(DateOnly today)
    {
        if (Occasion == OccasionKind.Birthday)
        {
            return null;
        }

        // Any date, lunar or solar, comes round within 400 days (a lunar year with a leap month is 384).
        var next = ToOccasion().Between(today.AddDays(DaysBefore), today.AddDays(DaysBefore + 400)).FirstOrDefault();
        return next is null ? null
            : new NextGreeting(next, SendAt(next.Date), next.Date.AddDays(-DaysBefore - PlanningWindowDays));
    }

    /// <summary>
    /// When the greetings for an occasion on <paramref name="occasion"/> go out (company time): the send
    /// time, so many days before, in the greetings' send window (22:00 the day before: 08:00 on the day).
    /// Never after the occasion: a send time in the evening's quiet hours on the day itself (saved before
    /// send times were checked) goes when the window opens that day, not the morning after.
    /// </summary>
    public DateTime SendAt(DateOnly occasion)
    {
        var window = Greeting.Kind.Window();
        var at = window.NextOpen(occasion.AddDays(-DaysBefore).ToDateTime(SendTime));
        return DateOnly.FromDateTime(at) > occasion ? occasion.ToDateTime(window.Opens) : at;
    }

    /// <summary>Why the campaign cannot be saved as it is (a message code), or null (<see cref="CampaignFields.Problem"/>).</summary>
    public string? Problem() => Fields().Problem();

    /// <summary>
    /// What makes a greeting "the same" across campaigns: a customer is greeted once per occasion
    /// and year, whichever campaign plans it.
    /// </summary>
    public string OccasionKey => Occasion == OccasionKind.Custom && CustomDate is { } date
        ? string.Create(CultureInfo.InvariantCulture, $"Custom:{(date.Calendar == DateCalendar.Lunar ? "L" : "S")}{date.Month:D2}-{date.Day:D2}")
        : Occasion.ToString();
}

