using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class HelperTaskConfiguration : IEntityTypeConfiguration<HelperTask>
{
    public void Configure(EntityTypeBuilder<HelperTask> entity)
    {
        entity.Property(t => t.Task).HasMaxLength(ComplaintLimits.Note);
        entity.Property(t => t.Finding).HasMaxLength(ComplaintLimits.Note);
        entity.Property(t => t.ClosedReason).HasMaxLength(ComplaintLimits.Note);
        entity.Property(t => t.RequestedByName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(t => t.AnsweredByName).HasMaxLength(ComplaintIntake.NameMax);
        entity.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);

        // A head's scope looks up the cases their department was asked to help with; the pass, the overdue ones.
        entity.HasIndex(t => new { t.DepartmentId, t.ComplaintId });
        entity.HasIndex(t => new { t.Status, t.OverdueFlaggedAtUtc, t.DueAtUtc });
        entity.Ignore(t => t.IsOpen);
    }
}
