using CarePortal.Domain.Campaigns;
using CarePortal.Domain.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> entity)
    {
        entity.Property(m => m.Key).HasMaxLength(64);
        entity.HasIndex(m => m.Key).IsUnique();
        entity.Property(m => m.Recipient).HasMaxLength(128);
        entity.Property(m => m.Subject).HasMaxLength(200);
        entity.Property(m => m.Body).HasMaxLength(FollowUp.TextMax);
        entity.HasIndex(m => m.CreatedAtUtc);
    }
}
