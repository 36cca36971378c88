using CarePortal.Domain;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Notifications;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Visit rules over the real portal: one host and database per test (a rule covers every customer of its tier).</summary>
public sealed class VisitRuleTests : PortalTest
{
    private static VisitRuleInput QuarterlyVisitsOfTierA(int firstContactDays = 5) =>
        new("A 类客户季度拜访", CustomerTier.A, "", FollowUpKind.Visit, VisitFrequency.Quarterly, true, firstContactDays);

    private async Task<(VisitRuleService Rules, AsyncServiceScope Scope)> RulesAsync()
    {
        var scope = App.Services.CreateAsyncScope();
        return (scope.ServiceProvider.GetRequiredService<VisitRuleService>(), scope);
    }

    private async Task<int> AddCustomerAsync(string name, CustomerTier tier, string? accountManager = null, string segment = "物业")
    {
        await using var scope = App.Services.CreateAsyncScope();
        var manager = await App.ActorOfAsync("manager");
        var saved = await scope.ServiceProvider.GetRequiredService<CustomerService>().SaveAsync(new CustomerInput
        {
            Name = name, Tier = tier, Segment = segment, Phone = "13500000000",
            AccountManagerId = accountManager is null ? null : (await App.ActorOfAsync(accountManager)).UserId,
        }, manager);
        return saved.Id ?? throw new InvalidOperationException(string.Join(", ", saved.FieldErrors?.Values ?? []) + saved.Refusal);
    }

    /// <summary>"Tier A a visit every quarter" saved by the manager, and the visit it planned for the demo's 星河物业.</summary>
    private async Task<(CarePortal.Domain.Customers.Customer Park, FollowUp Visit)> ParkVisitPlannedByTheRuleAsync(VisitRuleService rules, CarePortal.Domain.Staff.Actor manager)
    {
        Assert.Null(await rules.SaveAsync(null, QuarterlyVisitsOfTierA(), null, manager));
        await using var db = App.OpenDatabase();
        var park = await db.Customers.SingleAsync(c => c.Name == "星河物业管理有限公司");
        return (park, await db.FollowUps.SingleAsync(f => f.CustomerId == park.Id && f.VisitRuleId != null));
    }

    [Fact]
    public async Task The_rule_plans_one_follow_up_per_customer_and_period_for_the_account_manager_and_running_it_again_plans_nothing_more()
    {
        var (rules, scope) = await RulesAsync();
        await using var _ = scope;
        var manager = await App.ActorOfAsync("manager");
        var head = await App.ActorOfAsync("head");
        var third = await AddCustomerAsync("远景科技园", CustomerTier.A, accountManager: "head");

        Assert.Null(await rules.SaveAsync(null, QuarterlyVisitsOfTierA(), null, manager));

        // The demo's two tier-A customers are the manager's; the third is the head's. Planned for the
        // quarter now running (10 March 2027: January to March), after today, on working days.
        await using var db = App.OpenDatabase();
        var planned = await db.FollowUps.Where(f => f.VisitRuleId != null).ToListAsync();
        Assert.Equal(3, planned.Count);
        Assert.Equal(3, planned.Select(f => f.CustomerId).Distinct().Count());
        Assert.All(planned, f => Assert.Equal((FollowUpKind.Visit, new DateOnly(2027, 1, 1), FollowUpStatus.Planned), (f.Kind, f.PeriodStart!.Value, f.Status)));
        Assert.Equal(head.UserId, planned.Single(f => f.CustomerId == third).AssigneeId);
        Assert.Equal(2, planned.Count(f => f.AssigneeId == manager.UserId));
        Assert.All(planned, f => Assert.InRange(f.PlannedAtUtc, new DateTime(2027, 3, 11, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 31, 16, 0, 0, DateTimeKind.Utc)));

        // The job again, and twice at once (two servers): nothing more.
        Assert.Equal(0, await rules.PlanAsync());
        var twice = await Task.WhenAll(rules.PlanAsync(), App.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<VisitRuleService>().PlanAsync());
        Assert.Equal([0, 0], twice);
        await using var after = App.OpenDatabase();
        Assert.Equal(3, await after.FollowUps.CountAsync(f => f.VisitRuleId != null));
    }

    [Fact]
    public async Task Two_planning_passes_at_once_on_a_new_rule_plan_each_follow_up_once()
    {
        var manager = await App.ActorOfAsync("manager");
        await using var db = App.OpenDatabase();
        var (rule, _) = VisitRule.Define(QuarterlyVisitsOfTierA(), "王经理", App.Clock.GetUtcNow().UtcDateTime);
        db.VisitRules.Add(rule!);
        await db.SaveChangesAsync();

        var passes = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<VisitRuleService>().PlanAsync();
        }));

        Assert.Equal(2, passes.Sum());
        await using var after = App.OpenDatabase();
        Assert.Equal(2, await after.FollowUps.CountAsync(f => f.VisitRuleId == rule!.Id));
    }

    [Fact]
    public async Task A_tier_change_re_plans_at_once_and_switching_a_rule_off_withdraws_what_it_planned()
    {
        var (rules, scope) = await RulesAsync();
        await using var _ = scope;
        var manager = await App.ActorOfAsync("manager");
        Assert.Null(await rules.SaveAsync(null, QuarterlyVisitsOfTierA(), null, manager));
        Assert.Null(await rules.SaveAsync(null, new VisitRuleInput("B 类客户半年电话", CustomerTier.B, "", FollowUpKind.Call, VisitFrequency.HalfYearly, true, 5), null, manager));
        await using var db = App.OpenDatabase();
        var bank = await db.Customers.SingleAsync(c => c.Name == "华安银行南山支行");
        var ruleA = await db.VisitRules.SingleAsync(r => r.Tier == CustomerTier.A);
        var ruleB = await db.VisitRules.SingleAsync(r => r.Tier == CustomerTier.B);
        Assert.True(await db.FollowUps.AnyAsync(f => f.CustomerId == bank.Id && f.VisitRuleId == ruleA.Id));

        // The bank moves to tier B: its A visit goes, its B call is planned, in the same save.
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var edit = CustomerEdit.From((await customers.GetAsync(bank.Id, manager))!.Customer, await customers.AccountManagerOfAsync(bank.Id));
        Assert.Null((await customers.SaveAsync(edit.ToInput() with { Tier = CustomerTier.B }, manager)).Refusal);

        await using var after = App.OpenDatabase();
        var ofBank = await after.FollowUps.Where(f => f.CustomerId == bank.Id && f.VisitRuleId != null).ToListAsync();
        Assert.Equal((ruleB.Id, FollowUpKind.Call, new DateOnly(2027, 1, 1)), (Assert.Single(ofBank).VisitRuleId!.Value, ofBank[0].Kind, ofBank[0].PeriodStart!.Value));

        // Switched off, the B rule's untouched follow-ups go.
        var b = (await rules.RulesAsync()).Single(r => r.Rule.Id == ruleB.Id).Rule;
        Assert.Null(await rules.SaveAsync(b.Id, new VisitRuleInput(b.Name, b.Tier, b.Segment, b.Kind, b.Frequency, false, 5), b.Version, manager));
        await using var off = App.OpenDatabase();
        Assert.False(await off.FollowUps.AnyAsync(f => f.VisitRuleId == ruleB.Id));
    }

    [Fact]
    public async Task Overlapping_rules_a_stale_edit_and_a_desk_user_are_refused_and_change_nothing()
    {
        var (rules, scope) = await RulesAsync();
        await using var _ = scope;
        var manager = await App.ActorOfAsync("manager");
        Assert.Null(await rules.SaveAsync(null, QuarterlyVisitsOfTierA(), null, manager));

        var overlap = await rules.SaveAsync(null, new VisitRuleInput("银行月访", CustomerTier.A, "银行", FollowUpKind.Visit, VisitFrequency.Monthly, true, 5), null, manager);
        Assert.Equal(("VisitRules.Overlap", "A 类客户季度拜访"), (overlap?.Code, overlap?.Args[0]));
        Assert.Equal("VisitRules.NotPermitted", (await rules.SaveAsync(null, new VisitRuleInput("C", CustomerTier.C, "", FollowUpKind.Call, VisitFrequency.Yearly, true, 5), null, await App.ActorOfAsync("desk")))?.Code);

        var rule = Assert.Single(await rules.RulesAsync()).Rule;
        Assert.Null(await rules.SaveAsync(rule.Id, QuarterlyVisitsOfTierA(firstContactDays: 3), rule.Version, manager));
        Assert.Equal("Refusal.RuleChanged", (await rules.SaveAsync(rule.Id, QuarterlyVisitsOfTierA(firstContactDays: 9), rule.Version, manager))?.Code);

        await using var db = App.OpenDatabase();
        Assert.Equal(3, (await db.VisitRules.SingleAsync()).FirstContactWorkingDays);
    }

    [Fact]
    public async Task Who_is_behind_lists_exactly_the_customers_whose_period_passed_without_a_completed_follow_up()
    {
        var (rules, scope) = await RulesAsync();
        await using var _ = scope;
        var manager = await App.ActorOfAsync("manager");
        var (park, visit) = await ParkVisitPlannedByTheRuleAsync(rules, manager);

        // The park is visited in March; the bank is not. In April the quarter has passed.
        App.Clock.Advance(TimeSpan.FromDays(5));
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();
        Assert.Null(await followUps.CompleteAsync(visit.Id, "走访完成", null, null, manager));
        App.Clock.Advance(TimeSpan.FromDays(22));

        var behind = await rules.CustomersAsync(new RuleCustomerQuery(BehindOnly: true), manager);
        Assert.Equal(["华安银行南山支行"], behind.Rows.Select(r => r.Name));
        Assert.Equal(1, Assert.Single(await rules.RulesAsync()).Behind);

        // Everyone covered, those behind first; the park's last visit is the one done.
        var all = await rules.CustomersAsync(new RuleCustomerQuery(), manager);
        Assert.Equal(["华安银行南山支行", "星河物业管理有限公司"], all.Rows.Select(r => r.Name));
        Assert.Equal(new DateTime(2027, 3, 15, 2, 0, 0, DateTimeKind.Utc), all.Rows[1].LastDoneAtUtc);

        // A head sees the customers of their department's account managers only: none here.
        Assert.Empty((await rules.CustomersAsync(new RuleCustomerQuery(), await App.ActorOfAsync("head2"))).Rows);
    }

    [Fact]
    public async Task Completing_a_visit_records_its_commitments_and_the_next_visit_and_a_missed_commitment_alerts_the_account_manager_once()
    {
        var (rules, scope) = await RulesAsync();
        await using var _ = scope;
        var manager = await App.ActorOfAsync("manager");
        var (park, visit) = await ParkVisitPlannedByTheRuleAsync(rules, manager);

        // The rule proposes 10 June (a quarter on); the manager agrees 15 June with the customer.
        Assert.Equal(new DateOnly(2027, 6, 10), await rules.ProposeNextAsync(visit));
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();
        var today = new DateOnly(2027, 3, 10);
        Assert.Equal("Commitments.DueInThePast", (await followUps.CompleteAsync(visit.Id, "走访完成", null, null, manager,
            aftercare: new FollowUpAftercare([new("更换岗亭空调", today.AddDays(-1))], null, false)))?.Code);
        Assert.Null(await followUps.CompleteAsync(visit.Id, "走访完成", null, null, manager,
            aftercare: new FollowUpAftercare([new("更换岗亭空调", today.AddDays(2)), new("", today)], new DateOnly(2027, 6, 15), DetailsVerified: true)));

        await using var after = App.OpenDatabase();
        var next = await after.FollowUps.SingleAsync(f => f.CustomerId == park.Id && f.Status == FollowUpStatus.Planned);
        Assert.Equal((visit.VisitRuleId, new DateOnly(2027, 4, 1), new DateTime(2027, 6, 15, 1, 0, 0, DateTimeKind.Utc), manager.UserId),
            (next.VisitRuleId, next.PeriodStart!.Value, next.PlannedAtUtc, next.AssigneeId));
        Assert.Equal(today, (await after.Customers.SingleAsync(c => c.Id == park.Id)).DetailsVerifiedOn);
        var commitments = scope.ServiceProvider.GetRequiredService<CommitmentService>();
        var open = Assert.Single(await commitments.ForCustomerAsync(park.Id, manager));
        Assert.Equal(("更换岗亭空调", "王芳"), (open.Text, open.MadeByName));

        // The job plans nothing more: the next visit is there.
        Assert.Equal(0, await rules.PlanAsync());

        // 12 March passes unkept: the manager (the account manager) is told once, however often the pass runs.
        async Task<int> AlertsAsync()
        {
            await using var check = App.OpenDatabase();
            return await check.Notifications.CountAsync(n => n.Subject == NotificationSubject.Commitment && n.SubjectId == open.Id && n.UserId == manager.UserId);
        }

        App.Clock.Advance(TimeSpan.FromDays(3));
        await CarePortalApp.WaitUntilAsync(async () => await AlertsAsync() == 1, TimeSpan.FromSeconds(5), "the missed commitment's alert");
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();
        Assert.Equal(1, await AlertsAsync());
        Assert.True((await commitments.ForCustomerAsync(park.Id, manager))[0].Late);

        // Kept once: a second click is told who kept it.
        Assert.Equal("Commitments.NotYours", (await commitments.KeepAsync(open.Id, await App.ActorOfAsync("head2")))?.Code);
        Assert.Null(await commitments.KeepAsync(open.Id, manager));
        Assert.Equal("Commitments.AlreadyKept", (await commitments.KeepAsync(open.Id, manager))?.Code);
        Assert.Empty(await commitments.OpenAsync(manager));
    }

    [Fact]
    public async Task A_customer_added_while_the_rule_is_on_gets_a_first_contact_within_its_working_days_and_one_without_a_manager_goes_to_who_assigns()
    {
        var (rules, scope) = await RulesAsync();
        await using var _ = scope;
        var manager = await App.ActorOfAsync("manager");
        Assert.Null(await rules.SaveAsync(null, QuarterlyVisitsOfTierA(firstContactDays: 5), null, manager));

        var withManager = await AddCustomerAsync("远景科技园", CustomerTier.A, accountManager: "head");
        var without = await AddCustomerAsync("新城商场", CustomerTier.A);

        await using var db = App.OpenDatabase();
        var first = await db.FollowUps.SingleAsync(f => f.CustomerId == withManager);
        Assert.True(first.IsFirstContact);
        Assert.Equal((await App.ActorOfAsync("head")).UserId, first.AssigneeId);

        // Wednesday 10 March: within five working days is by Wednesday 17 March.
        Assert.InRange(first.PlannedAtUtc, new DateTime(2027, 3, 11, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 17, 10, 0, 0, DateTimeKind.Utc));

        // The desk (客服部) has no head in the demo: the manager assigns it.
        Assert.Equal(manager.UserId, (await db.FollowUps.SingleAsync(f => f.CustomerId == without)).AssigneeId);
    }

    [Fact]
    public async Task A_next_visit_agreed_within_the_same_quarter_is_an_extra_visit_and_one_two_quarters_on_is_that_quarter_s()
    {
        var (rules, scope) = await RulesAsync();
        await using var _ = scope;
        var manager = await App.ActorOfAsync("manager");
        var (park, visit) = await ParkVisitPlannedByTheRuleAsync(rules, manager);
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();

        // Agreed for 24 March, still the first quarter: a visit outside the rule (the quarter's is the one done).
        Assert.Null(await followUps.CompleteAsync(visit.Id, "走访完成", null, null, manager, aftercare: new FollowUpAftercare([], new DateOnly(2027, 3, 24), false)));
        await using var db = App.OpenDatabase();
        var extra = await db.FollowUps.SingleAsync(f => f.CustomerId == park.Id && f.Status == FollowUpStatus.Planned);
        Assert.Equal((null, (DateOnly?)null), (extra.VisitRuleId, extra.PeriodStart));

        // Doing that one and agreeing 8 September plans the third quarter's visit; the nightly job then plans the second's.
        Assert.Null(await followUps.CompleteAsync(extra.Id, "补充走访", null, null, manager, aftercare: new FollowUpAftercare([], new DateOnly(2027, 9, 8), false)));
        await using var after = App.OpenDatabase();
        var third = await after.FollowUps.SingleAsync(f => f.CustomerId == park.Id && f.Status == FollowUpStatus.Planned);
        Assert.Equal((visit.VisitRuleId, (DateOnly?)new DateOnly(2027, 7, 1)), (third.VisitRuleId, third.PeriodStart));

        // Too far ahead is a typing slip.
        Assert.Equal("FollowUps.NextVisitTooFar", (await followUps.CompleteAsync(third.Id, "x", null, null, manager, aftercare: new FollowUpAftercare([], new DateOnly(2031, 1, 1), false)))?.Code);
    }

    [Fact]
    public async Task A_lapsed_customer_is_covered_no_more_and_changing_a_rule_s_frequency_re_plans_what_nobody_touched()
    {
        var (rules, scope) = await RulesAsync();
        await using var _ = scope;
        var manager = await App.ActorOfAsync("manager");
        var (park, visit) = await ParkVisitPlannedByTheRuleAsync(rules, manager);

        // Monthly instead of quarterly: the quarter's untouched plans go, the month's come.
        var rule = Assert.Single(await rules.RulesAsync()).Rule;
        Assert.Null(await rules.SaveAsync(rule.Id, QuarterlyVisitsOfTierA() with { Frequency = VisitFrequency.Monthly }, rule.Version, manager));
        await using (var db = App.OpenDatabase())
        {
            Assert.False(await db.FollowUps.AnyAsync(f => f.Id == visit.Id));
            Assert.Equal(new DateOnly(2027, 3, 1), (await db.FollowUps.SingleAsync(f => f.CustomerId == park.Id && f.VisitRuleId == rule.Id)).PeriodStart);

            // The park lapses overnight (by the nightly pass, which does not re-plan): the rule job withdraws its visit.
            await db.Customers.Where(c => c.Id == park.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CarePortal.Domain.Customers.CustomerStatus.Lapsed));
        }

        await App.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<VisitRuleJob>().RunAsync(CancellationToken.None);
        await using var after = App.OpenDatabase();
        Assert.False(await after.FollowUps.AnyAsync(f => f.CustomerId == park.Id && f.VisitRuleId != null));
        Assert.DoesNotContain((await rules.CustomersAsync(new RuleCustomerQuery(), manager)).Rows, r => r.CustomerId == park.Id);
    }
}
