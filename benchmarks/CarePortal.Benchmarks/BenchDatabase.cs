using System.Globalization;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Localization;
using CarePortal.Web.Messaging;
using CarePortal.Web.Realtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CarePortal.Benchmarks;

/// <summary>A SQLite file of the portal's schema filled fast, and the portal's services over it.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public static readonly DateTime Now = new(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc);

    private BenchDatabase(string folder, string file)
    {
        Folder = folder;
        File = file;
    }

    public string Folder { get; }

    public string File { get; }

    public static async Task<BenchDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "careportal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new BenchDatabase(folder, Path.Combine(folder, "bench.db"));
        await using var services = database.Services(TimeProvider.System);
        await using var db = await services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>The portal's services on this file (or a copy), with the clock given and any <paramref name="settings"/> of the portal's.</summary>
    public ServiceProvider Services(TimeProvider clock, string? file = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Sqlite"] = $"Data Source={file ?? File}" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var environment = new HostingEnvironment { ContentRootPath = Folder, EnvironmentName = Environments.Production };
        var services = new ServiceCollection().AddLogging(b =>
        {
            if (Environment.GetEnvironmentVariable("BENCH_SQL_LOG") == "1")
            {
                b.AddSimpleConsole().AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information).SetMinimumLevel(LogLevel.Warning);
            }
        });
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCompany(configuration).AddCareData(configuration, environment).AddCareRealtime().AddCareMessaging(configuration).AddCareLocalization().AddCareFeatures(configuration);
        services.AddSingleton<SlaSweep>();
        services.AddSingleton<GreetingPlanning>();
        services.RemoveAll<CompanyClock>();
        services.AddSingleton(sp => new CompanyClock(clock, sp.GetRequiredService<IOptions<CompanyOptions>>()));
        return services.BuildServiceProvider();
    }

    public string Copy(string name)
    {
        SqliteConnection.ClearAllPools();
        var copy = Path.Combine(Folder, name);
        System.IO.File.Copy(File, copy);
        return copy;
    }

    /// <summary>
    /// Inserts <paramref name="count"/> complaints with one prepared statement in one transaction.
    /// <paramref name="open"/> decides which are open; open ones run a resolution window placed by <paramref name="window"/>.
    /// </summary>
    public async Task FillAsync(int count, Func<int, bool> open, Func<int, SlaThresholds> window, Random random)
    {
        await using var connection = new SqliteConnection($"Data Source={File}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Complaints (AcceptanceNumber, CustomerName, CustomerAddress, CustomerPhone, Channel, Reason, CustomerRequest,
                Class, Type, Remarks, AcceptedAtUtc, AcceptedById, AcceptedByName, Status, UpdatedAtUtc, Version,
                SlaMode, SlaState, SlaAtRiskUtc, SlaDueUtc, SlaEscalateUtc, ResolutionDueUtc, FirstRespondedAtUtc,
                CustomerNameKey, CustomerPhoneKey, CustomerPhoneEndKey, Kind, Urgent, Place)
            VALUES ($number, $name, '', $phone, $channel, '夜班保安在岗位上睡觉。', '', $class, $type, '', $at, 'desk', '张敏', $status, $at, 0,
                0, 0, $atRisk, $due, $escalate, $due, $at, $nameKey, $phone, $phoneEnd, 0, 0, '')
            """;
        var number = insert.Parameters.Add("$number", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var nameKey = insert.Parameters.Add("$nameKey", SqliteType.Text);
        var phone = insert.Parameters.Add("$phone", SqliteType.Text);
        var phoneEnd = insert.Parameters.Add("$phoneEnd", SqliteType.Text);
        var channel = insert.Parameters.Add("$channel", SqliteType.Integer);
        var complaintClass = insert.Parameters.Add("$class", SqliteType.Integer);
        var type = insert.Parameters.Add("$type", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var status = insert.Parameters.Add("$status", SqliteType.Integer);
        var atRisk = insert.Parameters.Add("$atRisk", SqliteType.Text);
        var due = insert.Parameters.Add("$due", SqliteType.Text);
        var escalate = insert.Parameters.Add("$escalate", SqliteType.Text);
        var start = Now.AddDays(-400);
        var openStatuses = ComplaintLifecycle.StatusesOf(CaseKind.Complaint).Where(s => s != ComplaintStatus.Closed).ToArray();
        var grams = 0L;
        await using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT COALESCE(MAX(Id), 0) FROM Complaints";
        var before = Convert.ToInt64(await last.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        for (var i = 1; i <= count; i++)
        {
            var when = start.AddSeconds(i * 30);
            number.Value = AcceptanceNumber.Format(DateOnly.FromDateTime(when), i);
            var customerName = CustomerName(random.Next(20_000));
            (name.Value, nameKey.Value) = (customerName, CaseSearch.Normalize(customerName));
            phone.Value = Phone(i);
            phoneEnd.Value = CaseSearch.ReversedPhoneKey(Phone(i));
            grams += CaseSearch.IndexGrams(customerName).Count;
            channel.Value = random.Next(5);
            complaintClass.Value = random.Next(3);
            type.Value = random.Next(5);
            at.Value = Text(when);
            if (open(i))
            {
                var thresholds = window(i);
                status.Value = (int)openStatuses[random.Next(openStatuses.Length)];
                (atRisk.Value, due.Value, escalate.Value) = (Text(thresholds.AtRiskUtc), Text(thresholds.DueUtc), Text(thresholds.EscalateUtc));
            }
            else
            {
                status.Value = (int)ComplaintStatus.Closed;
                (atRisk.Value, due.Value, escalate.Value) = (DBNull.Value, DBNull.Value, DBNull.Value);
            }

            await insert.ExecuteNonQueryAsync();
        }

        await FillSearchTokensAsync(transaction, before, grams);
        await transaction.CommitAsync();
    }

    /// <summary>Case <paramref name="i"/>'s phone: every case its own.</summary>
    public static string Phone(int i) => string.Create(CultureInfo.InvariantCulture, $"139{i:D8}");

    private static readonly string[] Surnames = [.. "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹".Select(c => c.ToString())];
    private static readonly string[] GivenNames = [.. "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉飞慧建国文欣宇浩然子轩晨阳梦琪雪婷海波志勇佳怡俊峰雨嘉琳思远".Select(c => c.ToString())];
    private static readonly string[] Firms = ["星河", "华安", "绿地", "万科", "金地", "中海", "招商", "保利", "碧桂", "龙湖", "南山", "福田"];
    private static readonly string[] FirmKinds = ["物业管理有限公司", "银行南山支行", "花园业主委员会", "科技有限公司", "商业广场", "小学"];
    private static readonly string[] FirstNames = ["Wei", "John", "Mary", "Anna", "Peter", "Lucy", "David", "Emma"];
    private static readonly string[] LastNames = ["Smith", "Wong", "Chan", "Lee", "Brown", "Taylor", "Clark", "Lewis"];

    /// <summary>
    /// Customer <paramref name="n"/> of 20,000: seven in ten people with a Chinese name of two or three
    /// characters, two enterprises, one a Latin name, as a desk's register has them.
    /// </summary>
    public static string CustomerName(int n)
    {
        var h = unchecked((uint)n * 2654435761u);
        return (n % 10) switch
        {
            < 7 => Surnames[h % Surnames.Length] + GivenNames[(h >> 8) % GivenNames.Length] + ((h >> 16) % 3 == 0 ? "" : GivenNames[(h >> 20) % GivenNames.Length]),
            < 9 => Firms[h % Firms.Length] + FirmKinds[(h >> 8) % FirmKinds.Length],
            _ => FirstNames[h % FirstNames.Length] + " " + LastNames[(h >> 8) % LastNames.Length],
        };
    }

    /// <summary>
    /// The queue search's grams of every case, in one statement from the normalized names just written
    /// (one- and two-character substrings, as <see cref="CaseSearch.IndexGrams"/> makes them for these
    /// names, none outside the basic plane) of the cases after <paramref name="after"/>; <paramref name="expected"/> is what the portal's own code counts.
    /// </summary>
    private static async Task FillSearchTokensAsync(SqliteTransaction transaction, long after, long expected)
    {
        await using var fill = transaction.Connection!.CreateCommand();
        fill.Transaction = transaction;
        fill.CommandText = $"""
            WITH RECURSIVE position(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM position WHERE i < {ComplaintIntake.NameMax})
            INSERT INTO ComplaintSearchTokens (Token, ComplaintId)
            SELECT substr(c.CustomerNameKey, p.i, 1), c.Id FROM Complaints c JOIN position p ON p.i <= length(c.CustomerNameKey)
                WHERE c.Id > {after} AND substr(c.CustomerNameKey, p.i, 1) <> ' '
            UNION
            SELECT substr(c.CustomerNameKey, p.i, 2), c.Id FROM Complaints c JOIN position p ON p.i < length(c.CustomerNameKey)
                WHERE c.Id > {after}
            """;
        var written = await fill.ExecuteNonQueryAsync();
        if (written != expected)
        {
            throw new InvalidOperationException($"The bench wrote {written} search grams where the portal makes {expected}.");
        }
    }

    /// <summary>A signed-up member of staff in a role, so the SLA pass has someone to tell.</summary>
    public async Task AddStaffAsync(string userId, string role)
    {
        await using var connection = new SqliteConnection($"Data Source={File}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO AspNetRoles (Id, Name, NormalizedName) VALUES ($role, $role, upper($role));
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, DisplayName, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ($user, $user, upper($user), $user, 0, 0, 0, 0, 0);
            INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ($user, $role);
            """;
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$user", userId);
        await command.ExecuteNonQueryAsync();
    }

    private static string Text(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
