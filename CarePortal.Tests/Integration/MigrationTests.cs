using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePortal.Tests.Integration;

/// <summary>Both migration sets match the model; SQL Server is proven by its script (no server here).</summary>
public sealed class MigrationTests
{
    private static SqlServerCareDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerCareDbContext>().UseSqlServer("Server=unused;Database=CarePortal;TrustServerCertificate=True").Options);

    private static SqliteCareDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = Sqlite();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add NAME --context SqliteCareDbContext ...");
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add NAME --context SqlServerCareDbContext ...");
    }

    [Theory]
    // The inbox: one user's alerts, newest first, a page at a time.
    [InlineData("SELECT * FROM Notifications WHERE UserId = 'u-1' ORDER BY CreatedAtUtc DESC, Id DESC LIMIT 50", "IX_Notifications_UserId_CreatedAtUtc")]
    // The calendar for everyone: a period by planned time, whoever the assignee.
    [InlineData("SELECT * FROM FollowUps WHERE PlannedAtUtc >= '2027-03-01' AND PlannedAtUtc < '2027-04-01'", "IX_FollowUps_PlannedAtUtc")]
    public async Task Lists_that_read_a_whole_table_by_time_have_an_index_to_read_it_by(string query, string index)
    {
        using var folder = new TempFolder();
        var options = new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite($"Data Source={folder.File("plan.db")}").Options;
        await using var db = new SqliteCareDbContext(options);
        await db.Database.MigrateAsync();

        await db.Database.OpenConnectionAsync();
        await using var explain = db.Database.GetDbConnection().CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + query;
        var plan = new List<string>();
        await using (var steps = await explain.ExecuteReaderAsync())
        {
            while (await steps.ReadAsync())
            {
                plan.Add(steps.GetString(steps.GetOrdinal("detail")));
            }
        }

        Assert.Contains(plan, step => step.Contains(index, StringComparison.Ordinal));
    }

    [Theory]
    // Issue 15 item 4: a name of one character, of two, of three (confirmed on the few cases having its grams).
    [InlineData("陈", "sqlite_autoindex_ComplaintSearchTokens_1")]
    [InlineData("陈静", "sqlite_autoindex_ComplaintSearchTokens_1")]
    [InlineData("Smith", "sqlite_autoindex_ComplaintSearchTokens_1")]
    // A number's beginning is a range of the number's index.
    [InlineData("ts-20270310", "IX_Complaints_AcceptanceNumber")]
    [InlineData("20270310-00", "IX_Complaints_AcceptanceNumber")]
    // A whole phone number: its digits' index (a name or number holding those digits is looked up too).
    [InlineData("13800138000", "IX_Complaints_CustomerPhoneKey")]
    [InlineData("13800138000", "sqlite_autoindex_ComplaintSearchTokens_1")]
    [InlineData("13800138000", "IX_Complaints_AcceptanceNumber")]
    // A phone's last digits, for the desk who sees every phone in full: the reversed digits' index.
    [InlineData("38000", "IX_Complaints_CustomerPhoneEndKey")]
    [InlineData("13800138000", "IX_Complaints_CustomerPhoneEndKey")]
    public async Task The_queue_search_reads_its_indexes_and_scans_no_table(string search, string index)
    {
        using var folder = new TempFolder();
        var options = new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite($"Data Source={folder.File("search.db")}").Options;
        await using var db = new SqliteCareDbContext(options);
        await db.Database.MigrateAsync();

        // The queue's own search, over open cases, as the service composes it.
        var query = db.Complaints.AsNoTracking().Where(c => c.Status != CarePortal.Domain.Complaints.ComplaintStatus.Closed)
            .Matching(db, search, CaseBuilder.Desk).Select(c => c.Id);
        await using var explain = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync();
        explain.CommandText = "EXPLAIN QUERY PLAN " + explain.CommandText;
        var plan = new List<string>();
        await using (var steps = await explain.ExecuteReaderAsync())
        {
            while (await steps.ReadAsync())
            {
                plan.Add(steps.GetString(steps.GetOrdinal("detail")));
            }
        }

        Assert.Contains(plan, step => step.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => System.Text.RegularExpressions.Regex.IsMatch(step, @"^SCAN (c|c0|Complaints|ComplaintSearchTokens)\b"));
    }

    [Fact]
    public void The_sql_server_migrations_give_the_queue_search_its_indexes()
    {
        using var db = SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE TABLE [ComplaintSearchTokens]", script);
        Assert.Contains("[Token] nvarchar(4) COLLATE Latin1_General_100_BIN2 NOT NULL", script);
        Assert.Contains("CONSTRAINT [PK_ComplaintSearchTokens] PRIMARY KEY ([Token], [ComplaintId])", script);
        Assert.Contains("CREATE INDEX [IX_Complaints_CustomerPhoneKey] ON [Complaints] ([CustomerPhoneKey]);", script);
        // A phone's ending is a range of the reversed digits, compared code unit by code unit.
        Assert.Contains("[CustomerPhoneEndKey] nvarchar(32) COLLATE Latin1_General_100_BIN2 NULL", script);
        Assert.Contains("CREATE INDEX [IX_Complaints_CustomerPhoneEndKey] ON [Complaints] ([CustomerPhoneEndKey]);", script);
        // The number compared code unit by code unit, so its beginning is a range of its (rebuilt) unique index.
        var collated = script.IndexOf("ALTER TABLE [Complaints] ALTER COLUMN [AcceptanceNumber] nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL;", StringComparison.Ordinal);
        Assert.True(collated > 0, "The acceptance number is not given an ordinal collation.");
        Assert.Contains("CREATE UNIQUE INDEX [IX_Complaints_AcceptanceNumber] ON [Complaints] ([AcceptanceNumber]);", script[collated..]);

        var model = db.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model;
        var tokens = model.FindEntityType(typeof(ComplaintSearchToken))!;
        Assert.Equal(["Token", "ComplaintId"], tokens.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal("Latin1_General_100_BIN2", tokens.FindProperty(nameof(ComplaintSearchToken.Token))!.GetCollation());
        var complaints = model.FindEntityType(typeof(CarePortal.Domain.Complaints.Complaint))!;
        Assert.Contains(complaints.GetIndexes(), i => i.Properties.Select(p => p.Name).SequenceEqual([ComplaintSearchIndex.PhoneKey]));
        Assert.Contains(complaints.GetIndexes(), i => i.IsUnique && i.Properties.Select(p => p.Name).SequenceEqual(["AcceptanceNumber"]));
    }

    [Fact]
    public void The_sql_server_script_is_idempotent_and_creates_the_register()
    {
        using var db = SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Complaints]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Complaints_AcceptanceNumber]", script);
        // Every migration is guarded by its id, so the script can run on any database version.
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.All(migrations, id => Assert.Contains($"WHERE [MigrationId] = N'{id}'", script));
        Assert.Contains("IF NOT EXISTS (", script);
    }

    [Fact]
    public async Task Migrating_normalises_the_tags_customers_were_saved_with_before_tags_had_one_form()
    {
        // As stored by imports before tags were normalised, and what each must become.
        string[] stored = ["VIP，物业", " VIP ; 物业,, 重点客户 ", "\u3000住宅\t，", " , ", "押运,重点客户", "", "A;;B，，C"];
        using var folder = new TempFolder();
        var options = new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite($"Data Source={folder.File("old.db")}").Options;
        await using (var db = new SqliteCareDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261123211946_CallList");

            // Rows written in SQL, as that schema had them (today's model has columns the old table lacks):
            // every required column gets an empty value, then the name and the tags.
            var required = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info('Customers') WHERE \"notnull\" = 1 AND pk = 0 AND name NOT IN ('Name', 'Tags')").ToListAsync();
            var columns = string.Join(", ", required.Prepend("Tags").Prepend("Name"));
            var blanks = string.Concat(required.Select(_ => ", ''"));
            var insert = "INSERT INTO Customers (" + columns + ") VALUES ({0}, {1}" + blanks + ")";
            for (var i = 0; i < stored.Length; i++)
            {
                await db.Database.ExecuteSqlRawAsync(insert, $"客户 {i}", stored[i]);
            }
        }

        await using (var db = new SqliteCareDbContext(options))
        {
            await db.Database.MigrateAsync();
            var tags = await db.Database.SqlQuery<string>($"SELECT Tags AS Value FROM Customers ORDER BY Id").ToListAsync();
            Assert.Equal(stored.Select(CustomerTags.Normalise), tags);
        }
    }

    [Fact]
    public async Task Migrating_keeps_the_greetings_and_releases_what_a_cancelled_campaign_had_not_sent()
    {
        using var folder = new TempFolder();
        var options = new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite($"Data Source={folder.File("greetings.db")}").Options;
        await using (var db = new SqliteCareDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261201112254_FollowUpVersion");

            // As the old schema stored them: a cancelled campaign (status 4) with a greeting still planned,
            // a failed one and a sent one, a scheduled campaign's planned and opted-out greetings.
            await InsertAsync(db, "Customers", ("Id", 1), ("Name", "甲"));
            await InsertAsync(db, "Customers", ("Id", 2), ("Name", "乙"));
            await InsertAsync(db, "CareCampaigns", ("Id", 1), ("Name", "取消的"), ("Status", 4));
            await InsertAsync(db, "CareCampaigns", ("Id", 2), ("Name", "进行中"), ("Status", 1));
            object?[][] greetings =
            [
                [1, 1, "MidAutumn", 2026, 0, null], [1, 2, "MidAutumn", 2026, 3, "no e-mail address"], [1, 1, "MidAutumn", 2025, 2, null],
                [2, 1, "NewYear", 2027, 0, null], [2, 2, "NewYear", 2027, 4, "opted out"],
            ];
            foreach (var g in greetings)
            {
                await InsertAsync(db, "Greetings", ("CampaignId", g[0]), ("CustomerId", g[1]), ("OccasionKey", g[2]), ("OccasionYear", g[3]), ("Status", g[4]), ("LastError", g[5]));
            }
        }

        await using (var db = new SqliteCareDbContext(options))
        {
            await db.Database.MigrateAsync();
            var rows = await db.Greetings.AsNoTracking().OrderBy(g => g.Id).Select(g => new { g.ContactId, g.Status, g.LastError }).ToListAsync();
            Assert.Equal(
                [
                    new { ContactId = 0, Status = GreetingStatus.Skipped, LastError = (string?)GreetingPlanning.CampaignCancelled },
                    new { ContactId = 0, Status = GreetingStatus.Skipped, LastError = (string?)GreetingPlanning.CampaignCancelled },
                    new { ContactId = 0, Status = GreetingStatus.Sent, LastError = (string?)null },
                    new { ContactId = 0, Status = GreetingStatus.Planned, LastError = (string?)null },
                    new { ContactId = 0, Status = GreetingStatus.Skipped, LastError = (string?)GreetingPlanning.OptedOut },
                ],
                rows);
        }
    }

    /// <summary>A row written in SQL as an older schema had it: the given values, every other required column empty.</summary>
    private static async Task InsertAsync(SqliteCareDbContext db, string table, params (string Column, object? Value)[] values)
    {
        values = values.Where(v => v.Value is not null).ToArray();
        var named = values.Select(v => v.Column).ToList();
        var required = (await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table}) WHERE \"notnull\" = 1 AND pk = 0").ToListAsync())
            .Where(c => !named.Contains(c)).ToList();
        var columns = string.Join(", ", named.Concat(required));
        var parameters = string.Join(", ", values.Select((_, i) => $"{{{i}}}").Concat(required.Select(_ => "''")));
        var insert = "INSERT INTO " + table + " (" + columns + ") VALUES (" + parameters + ")";
        await db.Database.ExecuteSqlRawAsync(insert, values.Select(v => v.Value!).ToArray());
    }

    [Fact]
    public async Task Migrating_turns_the_english_reasons_greetings_were_kept_with_into_their_codes()
    {
        string[] stored = ["opted out", "campaign cancelled", "no e-mail address", "no phone number", "no account manager", "SMS gateway answered 500 Internal Server Error"];
        using var folder = new TempFolder();
        var options = new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite($"Data Source={folder.File("old.db")}").Options;
        await using (var db = new SqliteCareDbContext(options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_GreetingReasonCodes", StringComparison.Ordinal)) - 1]);

            // Rows as that schema had them, written in SQL without their campaign and customer (foreign keys off on this connection).
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
            var required = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info('Greetings') WHERE \"notnull\" = 1 AND pk = 0 AND name <> 'LastError'").ToListAsync();
            var insert = "INSERT INTO Greetings (LastError, " + string.Join(", ", required) + ") VALUES ({0}" + string.Concat(required.Select((_, i) => $", {{{i + 1}}}")) + ")";
            for (var row = 0; row < stored.Length; row++)
            {
                await db.Database.ExecuteSqlRawAsync(insert, [stored[row], .. required.Select(c => (object)$"{c}-{row}")]);
            }
        }

        await using (var db = new SqliteCareDbContext(options))
        {
            await db.Database.MigrateAsync();
            var reasons = await db.Database.SqlQuery<string>($"SELECT LastError AS Value FROM Greetings ORDER BY Id").ToListAsync();
            Assert.Equal(
                [GreetingFailures.OptedOut, GreetingFailures.CampaignCancelled, GreetingFailures.NoEmail, GreetingFailures.NoPhone, GreetingFailures.NoAccountManager,
                 "SMS gateway answered 500 Internal Server Error"],
                reasons);
            Assert.Equal(GreetingFailures.SmsRefused, GreetingFailures.Read(reasons[^1]).Code);
        }
    }
    [Fact]
    public async Task Migrating_gives_existing_customers_consent_for_service_and_for_greetings_unless_they_opted_out_recorded_as_before_consent_records()
    {
        using var folder = new TempFolder();
        var options = new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite($"Data Source={folder.File("consent.db")}").Options;
        await using (var db = new SqliteCareDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261202134142_VisitRules");
            await InsertAsync(db, "Customers", ("Id", 1), ("Name", "甲"), ("GreetingOptOut", 0));
            await InsertAsync(db, "Customers", ("Id", 2), ("Name", "乙"), ("GreetingOptOut", 1));
        }

        await using (var db = new SqliteCareDbContext(options))
        {
            await db.Database.MigrateAsync();
            var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.ConsentsToService, c.ConsentsToGreetings, c.ConsentsToSurveys }).ToListAsync();
            Assert.Equal([new { ConsentsToService = true, ConsentsToGreetings = true, ConsentsToSurveys = false }, new { ConsentsToService = true, ConsentsToGreetings = false, ConsentsToSurveys = false }], customers);
            var records = await db.CustomerConsents.AsNoTracking().OrderBy(c => c.CustomerId).ThenBy(c => c.Purpose).Select(c => new { c.CustomerId, c.Purpose, c.Given, c.Channel }).ToListAsync();
            Assert.Equal(
                [
                    new { CustomerId = 1, Purpose = ConsentPurpose.Service, Given = true, Channel = ConsentChannel.BeforeConsentRecords },
                    new { CustomerId = 1, Purpose = ConsentPurpose.Greetings, Given = true, Channel = ConsentChannel.BeforeConsentRecords },
                    new { CustomerId = 2, Purpose = ConsentPurpose.Service, Given = true, Channel = ConsentChannel.BeforeConsentRecords },
                ], records);
        }
    }
}
