using CarePortal.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> entity)
    {
        entity.Property(t => t.ActorId).HasMaxLength(64);
        entity.Property(t => t.ActorName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(t => t.Note).HasMaxLength(ComplaintIntake.TextMax);
        entity.HasIndex(t => new { t.ComplaintId, t.AtUtc });
    }
}
