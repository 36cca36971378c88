using CarePortal.Domain.Complaints;
using CarePortal.Domain.Improvements;
using CarePortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class CorrectiveActionConfiguration : IEntityTypeConfiguration<CorrectiveAction>
{
    public void Configure(EntityTypeBuilder<CorrectiveAction> entity)
    {
        entity.Property(a => a.Description).HasMaxLength(CorrectiveAction.DescriptionMax);
        entity.Property(a => a.OwnerId).HasMaxLength(64);
        entity.Property(a => a.OwnerName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(a => a.PlannedByName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(a => a.CheckedByName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(a => a.DoneNote).HasMaxLength(CorrectiveAction.DescriptionMax);
        entity.Property(a => a.CheckNote).HasMaxLength(CorrectiveAction.DescriptionMax);
        entity.Property(a => a.Status).IsConcurrencyToken();
        entity.HasOne<Complaint>().WithMany().HasForeignKey(a => a.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<Department>().WithMany().HasForeignKey(a => a.DepartmentId).OnDelete(DeleteBehavior.Restrict);

        // The SLA pass seeks the open, unflagged ones by due time; the head's list by department.
        entity.HasIndex(a => new { a.Status, a.OverdueFlaggedAtUtc, a.DueAtUtc });
        entity.HasIndex(a => new { a.DepartmentId, a.Status });
        entity.HasIndex(a => a.ComplaintId);
        entity.Ignore(a => a.IsOpen);
    }
}
