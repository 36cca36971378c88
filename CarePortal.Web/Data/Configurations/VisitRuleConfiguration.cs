using CarePortal.Domain;
using CarePortal.Domain.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class VisitRuleConfiguration : IEntityTypeConfiguration<VisitRule>
{
    public void Configure(EntityTypeBuilder<VisitRule> entity)
    {
        entity.Property(r => r.Name).HasMaxLength(VisitRule.NameMax);
        entity.Property(r => r.Segment).HasMaxLength(VisitRule.SegmentMax);
        entity.Property(r => r.ChangedBy).HasMaxLength(VisitRule.NameMax);
        entity.Property(r => r.Version).IsConcurrencyToken();
        entity.HasIndex(r => r.Name).IsUnique();
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> entity)
    {
        entity.Property(c => c.Text).HasMaxLength(Commitment.TextMax);
        entity.Property(c => c.MadeById).HasMaxLength(64);
        entity.Property(c => c.MadeByName).HasMaxLength(FieldLengths.Name);
        entity.Property(c => c.KeptByName).HasMaxLength(FieldLengths.Name);
        entity.Ignore(c => c.IsOpen);

        // The customer page reads a customer's open ones; the SLA pass the unflagged open ones by due time.
        entity.HasIndex(c => new { c.CustomerId, c.KeptAtUtc });
        entity.HasIndex(c => new { c.KeptAtUtc, c.MissedFlaggedAtUtc, c.DueAtUtc });
        entity.HasOne<Domain.Customers.Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<FollowUp>().WithMany().HasForeignKey(c => c.FollowUpId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}
