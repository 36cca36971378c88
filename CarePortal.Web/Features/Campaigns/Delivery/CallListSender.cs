using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.FollowUps;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>
/// The call list: the customer's account manager gets a follow-up task to call (or, for tier-A
/// customers, visit) with the greeting and a gift note. One task per greeting (a unique key), so a
/// repeated send changes nothing. The task is planned in the next working slot of the company's
/// calendar (after hours or on a day off, the first slot of the next working day).
/// </summary>
internal sealed class CallListSender(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, IServiceScopeFactory scopes, ICareEventBus bus, CampaignTexts texts) : IGreetingSender
{
    public bool Handles(CampaignChannel channel) => channel == CampaignChannel.CallList;

    public async Task SendAsync(GreetingMessage message, CancellationToken cancellationToken)
    {
        if (message.AccountManagerId is not { } manager)
        {
            throw new GreetingSendException(GreetingFailures.NoAccountManager);
        }

        // Planned in the next working slot, not at "now": a task born at its own deadline is overdue at once.
        var now = clock.UtcNow;
        BusinessCalendar calendar;
        await using (var scope = scopes.CreateAsyncScope())
        {
            calendar = await scope.ServiceProvider.GetRequiredService<DeadlineService>().CalendarAsync(cancellationToken);
        }

        var plannedAt = clock.ToUtc(FollowUp.CallListPlannedAt(clock.ToLocal(now), calendar));
        var (task, refusal) = FollowUp.ForGreeting(message.GreetingId, message.CustomerId, message.TierA, texts.InCompanyLanguage("CallList.GiftNote"), manager, message.Subject, message.Text, plannedAt, now);
        if (task is null)
        {
            throw new GreetingSendException(refusal?.Code == "Validation.TooLong" ? GreetingFailures.TaskTooLong : refusal?.Code ?? GreetingFailures.Unexpected);
        }

        if (!await InsertOnce.SaveAsync(dbFactory, (db, ct) => db.FollowUps.AnyAsync(f => f.GreetingId == message.GreetingId, ct), db => db.FollowUps.Add(task), cancellationToken))
        {
            return;
        }

        await bus.PublishAsync(CareEvent.FollowUp(CareEventKinds.FollowUpChanged, manager, task.PlannedAtUtc, followUpId: task.Id, status: task.Status), Audience.Users(manager), cancellationToken);
    }
}
