using System.Data.Common;
using System.Text.RegularExpressions;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>
/// One occasion day's greetings of one campaign, written by one set-based statement: an
/// INSERT ... SELECT over the recipients the day's queries choose (EF Core's own SQL for the
/// audience and the birthday keys, with its parameters), WHERE NOT EXISTS a greeting that holds the
/// recipient's occasion and year (whichever campaign, the unique key's rows) nor this campaign's
/// record that it skipped them opted out. So a re-run inserts nothing, a second server's run that
/// committed first is seen, and a run racing it on another provider is stopped by the unique key
/// (a collision, which <see cref="Jobs.CollisionRetry"/> runs again: the NOT EXISTS then leaves out
/// what the other inserted). Plain SQL both SQLite and SQL Server run: names quoted by the provider,
/// taken from the model, values as parameters of the columns' own type mappings.
/// </summary>
internal static class PlannedDay
{
    /// <summary>The statement's text and its parameters (each named once).</summary>
    internal sealed record Statement(string Sql, IReadOnlyList<DbParameter> Parameters);

    /// <summary>Runs the statement; returns how many greetings it inserted.</summary>
    public static Task<int> ExecuteAsync(CareDbContext db, Statement statement, CancellationToken cancellationToken) =>
        // ExecuteSql reads the text as a format string (its {0} placeholders): braces are escaped.
        db.Database.ExecuteSqlRawAsync(statement.Sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal), statement.Parameters, cancellationToken);

    /// <summary>
    /// The day's greetings: to the customers <paramref name="customers"/> selects and, when
    /// given, the contacts <paramref name="contacts"/> selects (each with their customer's opt-out), in
    /// the year of the birthday's calendar (<paramref name="years"/>; both the same for an occasion
    /// that is no birthday), to be sent at <paramref name="sendAtUtc"/>.
    /// </summary>
    public static Statement Build(
        CareDbContext db, CareCampaign campaign, DateOnly day, (int Solar, int Lunar) years,
        IQueryable<int> customers, IQueryable<int>? contacts, DateTime sendAtUtc)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var greeting = db.Model.FindEntityType(typeof(Greeting))!;
        var customer = db.Model.FindEntityType(typeof(Customer))!;
        var contact = db.Model.FindEntityType(typeof(CustomerContact))!;
        string Table(IEntityType type) => sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema());
        string Column(IReadOnlyEntityType type, string property) => sql.DelimitIdentifier(type.FindProperty(property)!.GetColumnName());
        string G(string property) => Column(greeting, property);
        string Calendar(IEntityType type) => Column(type.FindNavigation(nameof(Customer.Birthday))!.TargetEntityType, nameof(YearlyDate.Calendar));
        string Name(string name) => sql.DelimitIdentifier(name);

        var parameters = new List<DbParameter>();
        using var factory = db.Database.GetDbConnection().CreateCommand();
        string Value(string name, string property, object? value)
        {
            var parameter = greeting.FindProperty(property)!.GetRelationalTypeMapping().CreateParameter(factory, sql.GenerateParameterName("plan_" + name), value);
            parameters.Add(parameter);
            return sql.GenerateParameterNamePlaceholder("plan_" + name);
        }

        // EF Core's SQL of a query, its parameters renamed apart from the other query's.
        string Query(IQueryable<int> query, string prefix)
        {
            using var command = query.CreateDbCommand();
            var text = command.CommandText;
            var own = command.Parameters.Cast<DbParameter>().ToList();
            command.Parameters.Clear();
            foreach (var parameter in own)
            {
                var bare = parameter.ParameterName.TrimStart('@', ':', '$');
                text = Regex.Replace(text, Regex.Escape(parameter.ParameterName) + @"(?!\w)", sql.GenerateParameterNamePlaceholder(prefix + bare).Replace("$", "$$", StringComparison.Ordinal));
                parameter.ParameterName = sql.GenerateParameterName(prefix + bare);
                parameters.Add(parameter);
            }

            return text;
        }

        var (campaignId, key, optedOut) = (Value("campaign", nameof(Greeting.CampaignId), campaign.Id), Value("key", nameof(Greeting.OccasionKey), campaign.OccasionKey), Value("opted_out", nameof(Greeting.LastError), GreetingPlanning.OptedOut));
        var noConsent = Value("no_consent", nameof(Greeting.LastError), GreetingPlanning.NoConsent);
        var (solarYear, lunarYear) = (Value("solar_year", nameof(Greeting.OccasionYear), years.Solar), Value("lunar_year", nameof(Greeting.OccasionYear), years.Lunar));
        var (date, sendAt) = (Value("date", nameof(Greeting.OccasionDate), day), Value("send_at", nameof(Greeting.SendAtUtc), sendAtUtc));
        const int Skipped = (int)GreetingStatus.Skipped, Planned = (int)GreetingStatus.Planned, Lunar = (int)DateCalendar.Lunar;

        var (r, pc, pct, g) = (Name("r"), Name("pc"), Name("pct"), Name("g"));
        var (recipientId, contactId, optedOutColumn, year) = (Name("CustomerId"), Name("ContactId"), Name("OptedOut"), Name("OccasionYear"));
        var customerId = Column(customer, nameof(Customer.Id));
        // Why a recipient is skipped: 1 opted out (the stronger word), 2 no consent for greetings, 0 greeted.
        var skip = $"CASE WHEN {pc}.{Column(customer, nameof(Customer.GreetingOptOut))} = 1 THEN 1 WHEN {pc}.{Column(customer, nameof(Customer.ConsentsToGreetings))} = 0 THEN 2 ELSE 0 END";
        var recipients = $"""
                SELECT {pc}.{customerId} AS {recipientId}, {Greeting.ToTheCustomer} AS {contactId}, {skip} AS {optedOutColumn},
                    CASE WHEN {pc}.{Calendar(customer)} = {Lunar} THEN {lunarYear} ELSE {solarYear} END AS {year}
                FROM {Table(customer)} AS {pc}
                WHERE {pc}.{customerId} IN ({Query(customers, "customers_")})
            """;
        if (contacts is not null)
        {
            recipients += $"""

                UNION ALL
                SELECT {pct}.{Column(contact, nameof(CustomerContact.CustomerId))}, {pct}.{Column(contact, nameof(CustomerContact.Id))}, {skip},
                    CASE WHEN {pct}.{Calendar(contact)} = {Lunar} THEN {lunarYear} ELSE {solarYear} END
                FROM {Table(contact)} AS {pct}
                INNER JOIN {Table(customer)} AS {pc} ON {pc}.{customerId} = {pct}.{Column(contact, nameof(CustomerContact.CustomerId))}
                WHERE {pct}.{Column(contact, nameof(CustomerContact.Id))} IN ({Query(contacts, "contacts_")})
            """;
        }

        // The first NOT EXISTS reads the unique key's own index (its filter, Status <> Skipped, is in
        // the query as a literal, so SQLite's partial and SQL Server's filtered index serve it); the
        // second is asked for the opted-out only.
        var sameRecipient = $"{g}.{G(nameof(Greeting.CustomerId))} = {r}.{recipientId} AND {g}.{G(nameof(Greeting.ContactId))} = {r}.{contactId} "
            + $"AND {g}.{G(nameof(Greeting.OccasionKey))} = {key} AND {g}.{G(nameof(Greeting.OccasionYear))} = {r}.{year}";
        var statement = $"""
            INSERT INTO {Table(greeting)} ({G(nameof(Greeting.CampaignId))}, {G(nameof(Greeting.CustomerId))}, {G(nameof(Greeting.ContactId))}, {G(nameof(Greeting.OccasionKey))},
                {G(nameof(Greeting.OccasionYear))}, {G(nameof(Greeting.OccasionDate))}, {G(nameof(Greeting.SendAtUtc))}, {G(nameof(Greeting.Status))}, {G(nameof(Greeting.Attempts))}, {G(nameof(Greeting.LastError))})
            SELECT {campaignId}, {r}.{recipientId}, {r}.{contactId}, {key}, {r}.{year}, {date}, {sendAt},
                CASE WHEN {r}.{optedOutColumn} <> 0 THEN {Skipped} ELSE {Planned} END, 0, CASE WHEN {r}.{optedOutColumn} = 1 THEN {optedOut} WHEN {r}.{optedOutColumn} = 2 THEN {noConsent} ELSE NULL END
            FROM (
            {recipients}
            ) AS {r}
            WHERE NOT EXISTS (SELECT 1 FROM {Table(greeting)} AS {g} WHERE {sameRecipient} AND {g}.{G(nameof(Greeting.Status))} <> {Skipped})
                AND ({r}.{optedOutColumn} = 0 OR NOT EXISTS (SELECT 1 FROM {Table(greeting)} AS {g}
                    WHERE {g}.{G(nameof(Greeting.CampaignId))} = {campaignId} AND {g}.{G(nameof(Greeting.Status))} = {Skipped} AND {g}.{G(nameof(Greeting.LastError))} IN ({optedOut}, {noConsent}) AND {sameRecipient}))
            """;

        return new Statement(statement, parameters);
    }
}
