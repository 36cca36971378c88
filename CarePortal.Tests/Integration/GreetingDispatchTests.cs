using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using CarePortal.Web.Messaging;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class GreetingDispatchTests : PortalTest
{
    /// <summary>A scheduled campaign with <paramref name="count"/> greetings due now, to customers made by <paramref name="customer"/>.</summary>
    private async Task<(int CampaignId, List<long> GreetingIds)> DueGreetingsAsync(int count, Func<int, string, Customer> customer, CampaignChannel channel = CampaignChannel.Email)
    {
        await using var db = App.OpenDatabase();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var customers = Enumerable.Range(1, count).Select(i =>
        {
            var c = customer(i, $"问候客户 {tag} {i}");
            c.Tags = tag;
            return c;
        }).ToList();
        db.Customers.AddRange(customers);
        var campaign = new CareCampaign
        {
            Name = "中秋问候", Occasion = OccasionKind.MidAutumn, Channel = channel, Status = CampaignStatus.Scheduled,
            TemplateChinese = "尊敬的{CustomerName}：{Company}恭祝您{Occasion}快乐，阖家幸福！",
            CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
        };
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var greetings = customers.Select(c => new Greeting
        {
            CampaignId = campaign.Id, CustomerId = c.Id, OccasionKey = $"Test-{tag}", OccasionYear = 2026,
            OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-1), Status = GreetingStatus.Planned,
        }).ToList();
        db.Greetings.AddRange(greetings);
        await db.SaveChangesAsync();
        return (campaign.Id, greetings.Select(g => g.Id).ToList());
    }

    /// <summary>The manager's "retry failed" on the campaign page.</summary>
    private async Task<int> RetryFailedAsync(int campaignId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<CarePortal.Web.Features.Campaigns.CampaignService>().RetryFailedAsync(campaignId, CaseBuilder.Manager)).Count;
    }

    [Fact]
    public async Task Retry_failed_is_refused_to_anyone_but_managers_and_admins_and_for_a_campaign_that_no_longer_sends()
    {
        var (campaignId, ids) = await DueGreetingsAsync(2, (_, name) => new Customer { Name = name });
        await using (var db = App.OpenDatabase())
        {
            await db.Greetings.Where(g => ids.Contains(g.Id)).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Failed).SetProperty(g => g.LastError, GreetingFailures.NoEmail));
        }

        await using var scope = App.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CarePortal.Web.Features.Campaigns.CampaignService>();

        // The service desk calling the service directly (the page is managers' only): nothing is put back.
        var byDesk = await campaigns.RetryFailedAsync(campaignId, CaseBuilder.Desk);
        Assert.Equal(("Refusal.CampaignRetryNotPermitted", 0), (byDesk.Refusal?.Code, byDesk.Count));
        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal(GreetingStatus.Failed, g.Status));

        // A completed campaign sends nothing any more: its failures stay as they ended.
        await using (var db = App.OpenDatabase())
        {
            await db.CareCampaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Completed));
        }

        var completed = await campaigns.RetryFailedAsync(campaignId, CaseBuilder.Manager);
        Assert.Equal(("Refusal.CampaignRetryNotFromStatus", 0), (completed.Refusal?.Code, completed.Count));
        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal(GreetingStatus.Failed, g.Status));
    }

    private async Task<List<Greeting>> GreetingsAsync(int campaignId)
    {
        await using var db = App.OpenDatabase();
        return await db.Greetings.AsNoTracking().Where(g => g.CampaignId == campaignId).OrderBy(g => g.Id).ToListAsync();
    }

    private async Task<List<OutboxMessage>> OutboxAsync(IEnumerable<long> greetingIds)
    {
        var keys = greetingIds.Select(id => $"greeting-{id}").ToList();
        await using var db = App.OpenDatabase();
        return await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.Key)).ToListAsync();
    }

    [Fact]
    public async Task Due_greetings_are_sent_once_with_the_chinese_text_intact()
    {
        var (campaignId, ids) = await DueGreetingsAsync(5, (i, name) => new Customer { Name = name, Email = $"customer{i}@example.com" });
        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();

        await dispatch.RunAsync();
        await dispatch.RunAsync();

        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal((GreetingStatus.Sent, 1), (g.Status, g.Attempts)));
        var outbox = await OutboxAsync(ids);
        Assert.Equal(5, outbox.Count);
        Assert.Contains(outbox, m => m.Recipient == "customer1@example.com" && m.Body.StartsWith("尊敬的问候客户") && m.Body.EndsWith("恭祝您中秋节快乐，阖家幸福！"));
    }

    [Fact]
    public async Task A_run_cut_off_half_way_is_finished_by_the_next_one_and_nothing_goes_out_twice()
    {
        var (campaignId, ids) = await DueGreetingsAsync(10, (i, name) => new Customer { Name = name, Email = $"crash{i}@example.com" });

        // What a crash leaves: every row claimed ("sending"), half of them already in the outbox, none recorded.
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await using (var db = App.OpenDatabase())
        {
            await db.Greetings.Where(g => g.CampaignId == campaignId).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GreetingStatus.Sending).SetProperty(g => g.Attempts, 1)
                .SetProperty(g => g.AttemptedAtUtc, now).SetProperty(g => g.ClaimToken, Guid.NewGuid()));
        }

        var outbox = App.Services.GetServices<IGreetingSender>().Single(s => s.Handles(CampaignChannel.Email));
        foreach (var id in ids.Take(5))
        {
            await outbox.SendAsync(new GreetingMessage($"greeting-{id}", CampaignChannel.Email, "问候客户", $"crash@example.com", "", "中秋问候", "已发出"), CancellationToken.None);
        }

        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();
        await dispatch.RunAsync();
        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal(GreetingStatus.Sending, g.Status));

        App.Clock.Advance(GreetingRetry.StaleAfter + TimeSpan.FromMinutes(1));
        await dispatch.RunAsync();

        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal(GreetingStatus.Sent, g.Status));
        var sent = await OutboxAsync(ids);
        Assert.Equal(10, sent.Count);
        Assert.Equal(10, sent.Select(m => m.Key).Distinct().Count());
    }

    [Fact]
    public async Task A_greeting_that_cannot_go_out_is_retried_with_back_off_then_failed_with_its_reason_and_retry_failed_sends_it()
    {
        var (campaignId, ids) = await DueGreetingsAsync(2, (i, name) => new Customer { Name = name, Email = i == 1 ? "" : "ok@example.com" });
        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();

        // Wednesday 10 March 2027, 10:00 in Shanghai (02:00 UTC): the first attempt fails, the next is 2 minutes later,
        // then 4, then 8, and the fourth attempt is the last.
        var attemptedAt = new[]
        {
            new DateTime(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc),
            new DateTime(2027, 3, 10, 2, 2, 0, DateTimeKind.Utc),
            new DateTime(2027, 3, 10, 2, 6, 0, DateTimeKind.Utc),
            new DateTime(2027, 3, 10, 2, 14, 0, DateTimeKind.Utc),
        };
        Assert.Equal(attemptedAt[0], App.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(2, await dispatch.RunAsync());
        for (var attempt = 2; attempt <= 4; attempt++)
        {
            var failed = (await GreetingsAsync(campaignId))[0];
            Assert.Equal((GreetingStatus.Planned, attempt - 1, GreetingFailures.NoEmail), (failed.Status, failed.Attempts, failed.LastError));
            Assert.Equal(attemptedAt[attempt - 1], failed.SendAtUtc);

            // Not a moment early: a second before its time nothing is attempted.
            App.Clock.Advance(attemptedAt[attempt - 1] - App.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(1));
            Assert.Equal(0, await dispatch.RunAsync());
            App.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, await dispatch.RunAsync());
        }

        var rows = await GreetingsAsync(campaignId);
        Assert.Equal((GreetingStatus.Failed, GreetingFailures.NoEmail, 4), (rows[0].Status, rows[0].LastError, rows[0].Attempts));
        Assert.Equal(GreetingStatus.Sent, rows[1].Status);

        await using (var db = App.OpenDatabase())
        {
            var customerId = rows[0].CustomerId;
            await db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, "fixed@example.com"));
        }

        Assert.Equal(1, await RetryFailedAsync(campaignId));
        await dispatch.RunAsync();
        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal(GreetingStatus.Sent, g.Status));
        Assert.Single(await OutboxAsync([ids[0]]), m => m.Recipient == "fixed@example.com");
    }

    [Fact]
    public async Task A_gateway_answering_500_leaves_sms_greetings_failed_with_its_answer_and_retry_failed_sends_each_once()
    {
        var (campaignId, ids) = await DueGreetingsAsync(3, (i, name) => new Customer { Name = name, Phone = $"1390000{i:D4}" }, CampaignChannel.Sms);
        var keys = ids.Select(id => $"greeting-{id}").ToHashSet();
        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();

        App.SmsGateway.Status = 500;
        try
        {
            for (var attempt = 1; attempt <= GreetingRetry.MaxAttempts; attempt++)
            {
                await dispatch.RunAsync();
                App.Clock.Advance(TimeSpan.FromDays(1)); // a day later, in the daytime again: greetings never go out at night
            }
        }
        finally
        {
            App.SmsGateway.Status = 200;
        }

        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal(
            (GreetingStatus.Failed, GreetingFailures.SmsRefused + "|500\nInternal Server Error", GreetingRetry.MaxAttempts), (g.Status, g.LastError, g.Attempts)));
        Assert.Equal(3 * GreetingRetry.MaxAttempts, Requests().Count);

        Assert.Equal(3, await RetryFailedAsync(campaignId));
        await dispatch.RunAsync();
        await dispatch.RunAsync();

        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal((GreetingStatus.Sent, (string?)null), (g.Status, g.LastError)));
        var requests = Requests();
        Assert.Equal(3 * GreetingRetry.MaxAttempts + 3, requests.Count);
        Assert.All(keys, key => Assert.StartsWith("尊敬的问候客户", requests.Last(r => r.IdempotencyKey == key).Text));

        List<SmsRequest> Requests() => App.SmsGateway.Received.Where(r => keys.Contains(r.IdempotencyKey ?? "")).ToList();
    }

    [Fact]
    public async Task A_customer_who_opts_out_after_planning_is_skipped_not_greeted()
    {
        var (campaignId, ids) = await DueGreetingsAsync(2, (i, name) => new Customer { Name = name, Email = $"opt{i}@example.com" });
        var rows = await GreetingsAsync(campaignId);
        await using (var db = App.OpenDatabase())
        {
            var customerId = rows[0].CustomerId;
            await db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.GreetingOptOut, true));
        }

        await App.Services.GetRequiredService<GreetingDispatch>().RunAsync();

        rows = await GreetingsAsync(campaignId);
        Assert.Equal((GreetingStatus.Skipped, GreetingPlanning.OptedOut), (rows[0].Status, rows[0].LastError));
        Assert.Equal(GreetingStatus.Sent, rows[1].Status);
        Assert.Equal([$"greeting-{ids[1]}"], (await OutboxAsync(ids)).Select(m => m.Key));
    }

    [Fact]
    public async Task A_call_list_greeting_gives_the_account_manager_one_visit_task_for_a_tier_a_customer()
    {
        var staff = await SlaScenario.StaffAsync(App);
        await using var db = App.OpenDatabase();
        var customer = new Customer { Name = $"重点客户 {Guid.NewGuid():N}", Tier = CustomerTier.A, AccountManagerId = staff.Manager };
        var nobody = new Customer { Name = $"无经理客户 {Guid.NewGuid():N}" };
        db.Customers.AddRange(customer, nobody);
        var campaign = new CareCampaign
        {
            Name = "春节拜访", Occasion = OccasionKind.SpringFestival, Channel = CampaignChannel.CallList, Status = CampaignStatus.Scheduled,
            TemplateChinese = "{CustomerName}，{Company}给您拜年！",
            CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
        };
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var greetings = new[] { customer, nobody }.Select(c => new Greeting
        {
            CampaignId = campaign.Id, CustomerId = c.Id, OccasionKey = $"Test-{Guid.NewGuid():N}"[..20], OccasionYear = 2027,
            OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-1), Status = GreetingStatus.Planned,
        }).ToArray();
        db.Greetings.AddRange(greetings);
        await db.SaveChangesAsync();
        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();

        await dispatch.RunAsync();

        // Sending the same greeting again makes no second task.
        var callList = App.Services.GetServices<IGreetingSender>().Single(s => s.Handles(CampaignChannel.CallList));
        await callList.SendAsync(new GreetingMessage(greetings[0].Key, CampaignChannel.CallList, customer.Name, "", "", campaign.Name, "again")
        {
            GreetingId = greetings[0].Id, CustomerId = customer.Id, AccountManagerId = staff.Manager, TierA = true,
        }, CancellationToken.None);

        await using var check = App.OpenDatabase();
        var task = await check.FollowUps.SingleAsync(f => f.GreetingId == greetings[0].Id);
        Assert.Equal((CarePortal.Domain.FollowUps.FollowUpKind.Visit, staff.Manager, customer.Id), (task.Kind, task.AssigneeId, task.CustomerId));
        Assert.Contains("给您拜年", task.Purpose);
        Assert.Contains("礼品", task.Purpose);
        var rows = await GreetingsAsync(campaign.Id);
        Assert.Equal(GreetingStatus.Sent, rows.Single(r => r.CustomerId == customer.Id).Status);
        Assert.Equal(GreetingFailures.NoAccountManager, rows.Single(r => r.CustomerId == nobody.Id).LastError);
    }

    [Fact]
    public async Task A_call_list_greeting_whose_task_is_too_long_fails_with_its_reason_and_the_others_go_on()
    {
        var staff = await SlaScenario.StaffAsync(App);
        await using var db = App.OpenDatabase();
        var customers = Enumerable.Range(1, 3).Select(i => new Customer { Name = $"电话客户 {i} {Guid.NewGuid():N}", AccountManagerId = staff.Manager }).ToList();
        db.Customers.AddRange(customers);
        var longCampaign = new CareCampaign
        {
            Name = "长文问候", Occasion = OccasionKind.SpringFestival, Channel = CampaignChannel.CallList, Status = CampaignStatus.Scheduled,
            TemplateChinese = "{CustomerName}，" + new string('福', CarePortal.Domain.FollowUps.FollowUp.TextMax),
            CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
        };
        var shortCampaign = new CareCampaign
        {
            Name = "春节拜访", Occasion = OccasionKind.SpringFestival, Channel = CampaignChannel.CallList, Status = CampaignStatus.Scheduled,
            TemplateChinese = "{CustomerName}，{Company}给您拜年！",
            CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
        };
        db.CareCampaigns.AddRange(longCampaign, shortCampaign);
        await db.SaveChangesAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;

        // The over-long one is due first, ahead of the others in the batch.
        db.Greetings.Add(new Greeting
        {
            CampaignId = longCampaign.Id, CustomerId = customers[0].Id, OccasionKey = $"Test-{Guid.NewGuid():N}"[..20], OccasionYear = 2027,
            OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-5), Status = GreetingStatus.Planned,
        });
        db.Greetings.AddRange(customers.Skip(1).Select(c => new Greeting
        {
            CampaignId = shortCampaign.Id, CustomerId = c.Id, OccasionKey = $"Test-{Guid.NewGuid():N}"[..20], OccasionYear = 2027,
            OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-1), Status = GreetingStatus.Planned,
        }));
        await db.SaveChangesAsync();
        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();

        for (var attempt = 1; attempt <= GreetingRetry.MaxAttempts; attempt++)
        {
            await dispatch.RunAsync();
            App.Clock.Advance(TimeSpan.FromDays(1)); // a day later, in the daytime again: greetings never go out at night
        }

        var failed = Assert.Single(await GreetingsAsync(longCampaign.Id));
        Assert.Equal((GreetingStatus.Failed, GreetingFailures.TaskTooLong, GreetingRetry.MaxAttempts), (failed.Status, failed.LastError, failed.Attempts));
        Assert.All(await GreetingsAsync(shortCampaign.Id), g => Assert.Equal(GreetingStatus.Sent, g.Status));
        await using var check = App.OpenDatabase();
        Assert.Equal(2, await check.FollowUps.CountAsync(f => f.Purpose.StartsWith("春节拜访")));
        Assert.False(await check.FollowUps.AnyAsync(f => f.CustomerId == customers[0].Id));
    }

    [Fact]
    public async Task A_row_left_sending_at_its_last_attempt_is_failed_at_claim_time_and_the_campaign_behind_it_is_sent()
    {
        var (poisoned, _) = await DueGreetingsAsync(3, (i, name) => new Customer { Name = name, Email = $"poisoned{i}@example.com" });
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await using (var db = App.OpenDatabase())
        {
            // What a run that crashed on its last attempt leaves: "sending", at the maximum, long ago.
            await db.Greetings.Where(g => g.CampaignId == poisoned).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GreetingStatus.Sending).SetProperty(g => g.Attempts, GreetingRetry.MaxAttempts)
                .SetProperty(g => g.AttemptedAtUtc, now.AddHours(-1)).SetProperty(g => g.ClaimToken, Guid.NewGuid())
                .SetProperty(g => g.SendAtUtc, now.AddHours(-2)));
        }

        var (other, ids) = await DueGreetingsAsync(2, (i, name) => new Customer { Name = name, Email = $"behind{i}@example.com" });
        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();

        Assert.Equal(2, await dispatch.RunAsync());

        Assert.All(await GreetingsAsync(poisoned), g => Assert.Equal(
            (GreetingStatus.Failed, GreetingFailures.GaveUp, GreetingRetry.MaxAttempts), (g.Status, g.LastError, g.Attempts)));
        Assert.All(await GreetingsAsync(other), g => Assert.Equal(GreetingStatus.Sent, g.Status));
        Assert.Equal(2, (await OutboxAsync(ids)).Count);
    }

    [Fact]
    public async Task Rows_ended_at_claim_time_tell_open_campaign_pages_of_the_progress()
    {
        var (gaveUp, _) = await DueGreetingsAsync(1, (i, name) => new Customer { Name = name, Email = $"gaveup{i}@example.com" });
        var (optedOut, _) = await DueGreetingsAsync(1, (i, name) => new Customer { Name = name, Email = $"optedout{i}@example.com", GreetingOptOut = true });
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await using (var db = App.OpenDatabase())
        {
            await db.Greetings.Where(g => g.CampaignId == gaveUp).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GreetingStatus.Sending).SetProperty(g => g.Attempts, GreetingRetry.MaxAttempts)
                .SetProperty(g => g.AttemptedAtUtc, now.AddHours(-1)).SetProperty(g => g.ClaimToken, Guid.NewGuid()));
        }

        var hub = await App.ConnectHubAsync("manager");
        await using var _ = hub;
        var progress = System.Threading.Channels.Channel.CreateUnbounded<int?>();
        hub.On<CarePortal.Web.Realtime.CareEvent>(nameof(CarePortal.Web.Realtime.IAlertsClient.CareEvent), e =>
        {
            if (e.Kind == CarePortal.Web.Realtime.CareEventKinds.CampaignProgress)
            {
                progress.Writer.TryWrite(e.CampaignId);
            }
        });
        await hub.StartAsync();

        // Nothing is sent: one row fails at claim time, the other is skipped.
        Assert.Equal(0, await App.Services.GetRequiredService<GreetingDispatch>().RunAsync());
        Assert.Equal(GreetingStatus.Failed, (await GreetingsAsync(gaveUp)).Single().Status);
        Assert.Equal(GreetingStatus.Skipped, (await GreetingsAsync(optedOut)).Single().Status);

        var heard = new HashSet<int?>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!heard.IsSupersetOf([gaveUp, optedOut]))
        {
            heard.Add(await progress.Reader.ReadAsync(deadline.Token));
        }
    }
}

/// <summary>Dispatch through an SMS gateway that does not answer within the portal's timeout (1 s here).</summary>
[Collection(AppCollection.Name)]
public sealed class GreetingDispatchSmsTimeoutTests : IAsyncDisposable
{
    private readonly CarePortalApp _app = new(CarePortalApp.WorkingMorning, new Dictionary<string, string> { ["Messaging:Sms:TimeoutSeconds"] = "1" });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_gateway_that_does_not_answer_makes_that_greeting_a_retry_and_the_next_is_sent()
    {
        int campaignId;
        await using (var db = _app.OpenDatabase())
        {
            var customers = Enumerable.Range(1, 2).Select(i => new Customer { Name = $"短信客户 {i} {Guid.NewGuid():N}", Phone = $"1380000{i:D4}" }).ToList();
            db.Customers.AddRange(customers);
            var campaign = new CareCampaign
            {
                Name = "中秋问候", Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Sms, Status = CampaignStatus.Scheduled,
                TemplateChinese = "尊敬的{CustomerName}：中秋快乐！", CreatedAtUtc = _app.Clock.GetUtcNow().UtcDateTime,
            };
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            var now = _app.Clock.GetUtcNow().UtcDateTime;
            db.Greetings.AddRange(customers.Select((c, i) => new Greeting
            {
                CampaignId = campaign.Id, CustomerId = c.Id, OccasionKey = $"Test-{Guid.NewGuid():N}"[..20], OccasionYear = 2027,
                OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-2 + i), Status = GreetingStatus.Planned,
            }));
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        _app.SmsGateway.LeaveUnanswered(1);
        Assert.Equal(2, await _app.Services.GetRequiredService<GreetingDispatch>().RunAsync());

        await using var check = _app.OpenDatabase();
        // The two go out side by side: whichever reached the gateway first is the one left unanswered.
        var rows = await check.Greetings.AsNoTracking().Where(g => g.CampaignId == campaignId).OrderBy(g => g.Status).ToListAsync();
        Assert.Equal((GreetingStatus.Planned, GreetingFailures.Timeout, 1), (rows[0].Status, rows[0].LastError, rows[0].Attempts));
        Assert.Equal(GreetingStatus.Sent, rows[1].Status);
    }
}

/// <summary>Dispatch through the real portal e-mailing over SMTP to a real server (aiosmtpd).</summary>
[Collection(AppCollection.Name)]
public sealed class GreetingDispatchOverSmtpTests : IAsyncLifetime
{
    private SmtpServer _smtp = null!;
    private CarePortalApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _app = new CarePortalApp(CarePortalApp.WorkingMorning, new Dictionary<string, string>
        {
            ["Messaging:Smtp:Host"] = "127.0.0.1", ["Messaging:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:Smtp:Security"] = "None", ["Messaging:Smtp:From"] = "care@careportal.example",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_malformed_stored_address_fails_its_greeting_with_its_reason_and_the_valid_ones_are_sent()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        int campaignId;
        await using (var db = _app.OpenDatabase())
        {
            // Stored before the customer form checked addresses with the mailer's parser.
            var customers = new[] { "a,b@x.cn", "good1@example.com", "good2@example.com" }
                .Select((email, i) => new Customer { Name = $"邮件客户 {tag} {i}", Email = email }).ToList();
            db.Customers.AddRange(customers);
            var campaign = new CareCampaign
            {
                Name = "中秋问候", Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Email, Status = CampaignStatus.Scheduled,
                TemplateChinese = "尊敬的{CustomerName}：{Company}恭祝您{Occasion}快乐！",
                CreatedAtUtc = _app.Clock.GetUtcNow().UtcDateTime,
            };
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            var now = _app.Clock.GetUtcNow().UtcDateTime;
            db.Greetings.AddRange(customers.Select((c, i) => new Greeting
            {
                CampaignId = campaign.Id, CustomerId = c.Id, OccasionKey = $"Test-{tag}", OccasionYear = 2027,
                OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-3 + i), Status = GreetingStatus.Planned,
            }));
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        Assert.Equal(3, await _app.Services.GetRequiredService<GreetingDispatch>().RunAsync());

        await using var check = _app.OpenDatabase();
        var rows = await check.Greetings.AsNoTracking().Where(g => g.CampaignId == campaignId).OrderBy(g => g.Id).ToListAsync();
        Assert.Equal((GreetingStatus.Planned, GreetingFailures.BadAddress), (rows[0].Status, rows[0].LastError));
        Assert.All(rows.Skip(1), g => Assert.Equal(GreetingStatus.Sent, g.Status));
        await CarePortalApp.WaitUntilAsync(() => Task.FromResult(Directory.Exists(_smtp.Inbox) && Directory.EnumerateFiles(_smtp.Inbox).Count() == 2), TimeSpan.FromSeconds(10), "both mails to arrive");
    }
}

/// <summary>A greeting failing just before the evening's quiet hours (21:00–08:00 in Shanghai): its retry waits for the morning.</summary>
[Collection(AppCollection.Name)]
public sealed class GreetingRetryAtNightTests() : PortalTest(new DateTimeOffset(2027, 3, 10, 20, 55, 0, TimeSpan.FromHours(8)))
{
    [Fact]
    public async Task A_retry_that_would_fall_in_quiet_hours_goes_out_at_eight_the_next_morning()
    {
        int campaignId;
        await using (var db = App.OpenDatabase())
        {
            var customer = new Customer { Name = $"夜间客户 {Guid.NewGuid():N}", Email = "" };
            var campaign = new CareCampaign
            {
                Name = "中秋问候", Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Email, Status = CampaignStatus.Scheduled,
                TemplateChinese = "尊敬的{CustomerName}：{Company}恭祝您{Occasion}快乐！",
                CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.Customers.Add(customer);
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            db.Greetings.Add(new Greeting
            {
                CampaignId = campaign.Id, CustomerId = customer.Id, OccasionKey = $"Test-{Guid.NewGuid():N}"[..20], OccasionYear = 2027,
                OccasionDate = new DateOnly(2027, 3, 10), SendAtUtc = new DateTime(2027, 3, 10, 12, 54, 0, DateTimeKind.Utc), Status = GreetingStatus.Planned,
            });
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();

        // 20:55: the first attempt fails; the retry 2 minutes later (20:57) is still before the quiet hours.
        Assert.Equal(1, await dispatch.RunAsync());
        Assert.Equal(new DateTime(2027, 3, 10, 12, 57, 0, DateTimeKind.Utc), (await GreetingAsync()).SendAtUtc);

        // 20:57: the second fails; 4 minutes later would be 21:01, so it waits for 08:00 on Thursday 11 March (00:00 UTC).
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await dispatch.RunAsync());
        var waiting = await GreetingAsync();
        Assert.Equal((GreetingStatus.Planned, 2), (waiting.Status, waiting.Attempts));
        Assert.Equal(new DateTime(2027, 3, 11, 0, 0, 0, DateTimeKind.Utc), waiting.SendAtUtc);

        // Nothing is tried during the night; at 08:00 the third attempt goes, and its retry is 8 minutes later.
        App.Clock.Advance(new DateTime(2027, 3, 10, 23, 59, 0, DateTimeKind.Utc) - App.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(0, await dispatch.RunAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await dispatch.RunAsync());
        Assert.Equal(new DateTime(2027, 3, 11, 0, 8, 0, DateTimeKind.Utc), (await GreetingAsync()).SendAtUtc);

        async Task<Greeting> GreetingAsync()
        {
            await using var db = App.OpenDatabase();
            return await db.Greetings.AsNoTracking().SingleAsync(g => g.CampaignId == campaignId);
        }
    }
}
