using CarePortal.Domain.Staff;
using static CarePortal.Domain.Campaigns.CampaignAction;
using static CarePortal.Domain.Campaigns.CampaignStatus;

namespace CarePortal.Domain.Campaigns;

/// <summary>What a manager does with a care campaign.</summary>
public enum CampaignAction
{
    /// <summary>Saves changes to the campaign's fields; the status stays.</summary>
    Edit,
    Schedule,
    Pause,
    Resume,
    Cancel,

    /// <summary>Ends a campaign once its occasion is greeted, so no later occurrence is planned.</summary>
    Complete,
}

/// <summary>What a lifecycle step does to the campaign's greetings not yet sent.</summary>
public enum UnsentGreetings
{
    /// <summary>They stay as planned (pausing keeps them for resuming; completing has none left).</summary>
    Kept,

    /// <summary>Greetings in the planning window are planned now (scheduling, resuming).</summary>
    Planned,

    /// <summary>
    /// They are released: skipped, with the reason "campaign cancelled", so they hold no customer's
    /// occasion and a corrected campaign greets those customers. Rows being sent are the dispatcher's.
    /// </summary>
    Released,

    /// <summary>
    /// When the edit changes whom, when or how the campaign greets (<see cref="CampaignFields.PlansDifferently"/>),
    /// they are released as "campaign changed" and resuming plans them again from the edited fields;
    /// greetings already sent stay and are not planned again.
    /// </summary>
    Replanned,
}

/// <summary>
/// The campaign lifecycle as a table, like the complaint's: from which statuses each action may be
/// taken, where it leads (editing stays), and who may take it. <see cref="CareCampaign.Apply"/>
/// checks it before changing anything; the campaign page offers only what it allows.
/// </summary>
public static class CampaignLifecycle
{
    private sealed record Step(CampaignStatus[] From, CampaignStatus? To, UnsentGreetings Unsent);

    private static readonly Dictionary<CampaignAction, Step> Steps = new()
    {
        // The fields are edited while nothing is being sent: a draft, or a paused campaign.
        [Edit] = new([Draft, Paused], null, UnsentGreetings.Replanned),
        [Schedule] = new([Draft], Scheduled, UnsentGreetings.Planned),
        [Pause] = new([Scheduled], Paused, UnsentGreetings.Kept),
        [Resume] = new([Paused], Scheduled, UnsentGreetings.Planned),
        [Cancel] = new([Draft, Scheduled, Paused], Cancelled, UnsentGreetings.Released),

        // Once the occasion is greeted (nothing left to send, something sent): see CareCampaign.Apply.
        [Complete] = new([Scheduled, Paused], Completed, UnsentGreetings.Kept),
    };

    /// <summary>What <paramref name="action"/> does to the campaign's greetings not yet sent.</summary>
    public static UnsentGreetings Unsent(CampaignAction action) => Steps[action].Unsent;

    /// <summary>The status an action leads to from <paramref name="from"/>, or null when it is not allowed there.</summary>
    public static CampaignStatus? Target(CampaignStatus from, CampaignAction action) =>
        Steps.TryGetValue(action, out var step) && step.From.Contains(from) ? step.To ?? from : null;

    /// <summary>Managers and admins run campaigns (the campaign pages are theirs).</summary>
    public static bool Permits(Actor actor, CampaignAction action) =>
        Steps.ContainsKey(action) && (actor.IsIn(Roles.Manager) || actor.IsIn(Roles.Admin));

    /// <summary>
    /// Why <paramref name="actor"/> may not put a campaign's failed greetings back in the queue, or
    /// null: managers and admins, while the campaign may still send (scheduled, or paused until it
    /// resumes); a cancelled or completed campaign sends nothing, so its failures stay as they ended.
    /// </summary>
    public static Refusal? RetryFailedRefusal(Actor actor, CampaignStatus status) =>
        !(actor.IsIn(Roles.Manager) || actor.IsIn(Roles.Admin)) ? new Refusal("Refusal.CampaignRetryNotPermitted")
        : status is not (Scheduled or Paused) ? new Refusal("Refusal.CampaignRetryNotFromStatus", status)
        : null;

    /// <summary>The actions <paramref name="actor"/> may take on a campaign in <paramref name="status"/>.</summary>
    public static IReadOnlyList<CampaignAction> AvailableTo(Actor actor, CampaignStatus status) =>
        Steps.Keys.Where(action => Target(status, action) is not null && Permits(actor, action)).ToList();
}
