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

/// <summary>
/// The campaign lifecycle as a table, like the complaint's: from which statuses each action may be
/// taken, where it leads (editing stays), and who may take it. <see cref="CareCampaign.Apply"/>
/// checks it before changing anything; the campaign page offers only what it allows.
/// </summary>
public static class CampaignLifecycle
{
    private sealed record Step(CampaignStatus[] From, CampaignStatus? To);

    private static readonly Dictionary<CampaignAction, Step> Steps = new()
    {
        // The fields are edited while nothing is being sent: a draft, or a paused campaign.
        [Edit] = new([Draft, Paused], null),
        [Schedule] = new([Draft], Scheduled),
        [Pause] = new([Scheduled], Paused),
        [Resume] = new([Paused], Scheduled),
        [Cancel] = new([Draft, Scheduled, Paused], Cancelled),

        // Once the occasion is greeted (nothing left to send, something sent): see CareCampaign.Apply.
        [Complete] = new([Scheduled, Paused], Completed),
    };

    /// <summary>The status an action leads to from <paramref name="from"/>, or null when it is not allowed there.</summary>
    public static CampaignStatus? Target(CampaignStatus from, CampaignAction action) =>
        Steps.TryGetValue(action, out var step) && step.From.Contains(from) ? step.To ?? from : null;

    /// <summary>Managers and admins run campaigns (the campaign pages are theirs).</summary>
    public static bool Permits(Actor actor, CampaignAction action) =>
        Steps.ContainsKey(action) && (actor.IsIn(Roles.Manager) || actor.IsIn(Roles.Admin));

    /// <summary>The actions <paramref name="actor"/> may take on a campaign in <paramref name="status"/>.</summary>
    public static IReadOnlyList<CampaignAction> AvailableTo(Actor actor, CampaignStatus status) =>
        Steps.Keys.Where(action => Target(status, action) is not null && Permits(actor, action)).ToList();
}
