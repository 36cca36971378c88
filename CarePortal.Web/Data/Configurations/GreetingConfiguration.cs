using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class GreetingConfiguration : IEntityTypeConfiguration<Greeting>
{
    /// <summary>The greeting's unique key: recipient (customer and contact), occasion and year.</summary>
    internal static readonly string[] Key = [nameof(Greeting.CustomerId), nameof(Greeting.ContactId), nameof(Greeting.OccasionKey), nameof(Greeting.OccasionYear)];

    /// <summary>
    /// The unique key's filter, with the status column as the provider quotes it: "Status" for SQLite
    /// and PostgreSQL, [Status] for SQL Server (SqlServerCareDbContext). A plain comparison, which
    /// SQL Server's filtered indexes, SQLite's and PostgreSQL's partial indexes all accept.
    /// </summary>
    internal static string HoldsFilter(string status) => $"{status} <> {(int)GreetingStatus.Skipped}";

    public void Configure(EntityTypeBuilder<Greeting> entity)
    {
        entity.Property(g => g.OccasionKey).HasMaxLength(32);
        entity.Property(g => g.LastError).HasMaxLength(500);
        entity.Ignore(g => g.Key);
        entity.HasIndex(g => g.ClaimToken);

        // Exactly once per recipient (the customer, or a contact: never null, as NULLs are distinct in
        // a unique index), occasion and year, whichever campaign or job run plans it; counting only the
        // greetings that hold it (Greeting.Holds), so a cancelled or re-planned campaign's skipped rows
        // stay beside the greeting planned in their place.
        entity.HasIndex(Key).IsUnique().HasFilter(HoldsFilter("\"Status\""));

        // The dispatch job takes due rows by status and send time; the campaign page counts by status.
        entity.HasIndex(g => new { g.Status, g.SendAtUtc });
        entity.HasIndex(g => new { g.CampaignId, g.Status });
        entity.HasOne<CareCampaign>().WithMany().HasForeignKey(g => g.CampaignId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<Customer>().WithMany().HasForeignKey(g => g.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
