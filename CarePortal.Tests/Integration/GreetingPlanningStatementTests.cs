using System.Text.RegularExpressions;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Campaigns.Delivery;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Tests.Integration;

/// <summary>
/// The planning's one statement a day is plain SQL of the provider it runs on: on SQL Server (no
/// server here to run it) its text is built from the SQL Server model and EF Core's SQL Server queries.
/// </summary>
public sealed class GreetingPlanningStatementTests
{
    [Fact]
    public void On_sql_server_a_day_is_planned_in_sql_server_s_own_quoting_with_each_parameter_given_once()
    {
        using var db = new SqlServerCareDbContext(new DbContextOptionsBuilder<SqlServerCareDbContext>()
            .UseSqlServer("Server=unused;Database=CarePortal;TrustServerCertificate=True").Options);
        var campaign = new CareCampaign
        {
            Id = 7, Name = "生日问候", Occasion = OccasionKind.Birthday, AudienceTier = CustomerTier.A, AudienceTag = "VIP", AudienceSegment = "物业",
            Channel = CampaignChannel.Sms,
        };

        // 28 February of a common year: 29 February's birthdays too, on customers and contacts alike.
        var statement = GreetingPlanning.DayStatement(db, campaign, new OccasionDate(new DateOnly(2027, 2, 28), 2027), new DateTime(2027, 2, 28, 1, 0, 0, DateTimeKind.Utc));

        Assert.StartsWith("INSERT INTO [Greetings] ([CampaignId], [CustomerId], [ContactId], [OccasionKey]", statement.Sql.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("FROM [CustomerContacts] AS [pct]", statement.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", statement.Sql, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(statement.Sql, "NOT EXISTS").Count);

        // Both recipient queries carry the audience's filters; each parameter the text names is given once.
        var named = Regex.Matches(statement.Sql, @"@\w+").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(named, statement.Parameters.Select(p => p.ParameterName).Order(StringComparer.Ordinal));
        Assert.All(statement.Parameters, p => Assert.IsType<SqlParameter>(p));
        Assert.Contains(named, n => n.StartsWith("@customers_", StringComparison.Ordinal));
        Assert.Contains(named, n => n.StartsWith("@contacts_", StringComparison.Ordinal));
    }
}
