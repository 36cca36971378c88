using CarePortal.Domain.Audit;
using CarePortal.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entity)
    {
        entity.Property(e => e.UserId).HasMaxLength(64);
        entity.Property(e => e.UserName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(e => e.Action).HasConversion<string>().HasMaxLength(40);
        entity.Property(e => e.Subject).HasConversion<string>().HasMaxLength(20);
        entity.Property(e => e.SubjectId).HasMaxLength(64);
        entity.Property(e => e.Field).HasMaxLength(40);
        entity.Property(e => e.Before).HasMaxLength(AuditEntry.ValueMax);
        entity.Property(e => e.After).HasMaxLength(AuditEntry.ValueMax);
        entity.Property(e => e.Detail).HasMaxLength(AuditEntry.ValueMax);
        entity.HasIndex(e => e.AtUtc);
        entity.HasIndex(e => new { e.Subject, e.SubjectId });
        entity.HasIndex(e => e.UserId);
    }
}
