using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class GreetingConfiguration : IEntityTypeConfiguration<Greeting>
{
    public void Configure(EntityTypeBuilder<Greeting> entity)
    {
        entity.Property(g => g.OccasionKey).HasMaxLength(32);
        entity.Property(g => g.LastError).HasMaxLength(500);
        entity.Ignore(g => g.Key);
        entity.HasIndex(g => g.ClaimToken);

        // Exactly once per customer, occasion and year, whichever campaign or job run plans it.
        entity.HasIndex(g => new { g.CustomerId, g.OccasionKey, g.OccasionYear }).IsUnique();

        // The dispatch job takes due rows by status and send time; the campaign page counts by status.
        entity.HasIndex(g => new { g.Status, g.SendAtUtc });
        entity.HasIndex(g => new { g.CampaignId, g.Status });
        entity.HasOne<CareCampaign>().WithMany().HasForeignKey(g => g.CampaignId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<Customer>().WithMany().HasForeignKey(g => g.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
