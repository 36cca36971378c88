using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> entity)
    {
        entity.HasIndex(c => c.AcceptanceNumber).IsUnique();
        entity.Property(c => c.AcceptanceNumber).HasMaxLength(24);

        // One complaint per registration form: a repeated submit (double-click, Enter twice) finds the first.
        entity.HasIndex(c => c.SubmissionKey).IsUnique();
        entity.Property(c => c.CustomerName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(c => c.CustomerAddress).HasMaxLength(ComplaintIntake.AddressMax);
        entity.Property(c => c.CustomerPhone).HasMaxLength(32);

        // The queue's search (ComplaintSearchIndex): the name as compared, the phone's digits, found by the whole number, and backwards, found by its ending.
        entity.Property<string?>(ComplaintSearchIndex.NameKey).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property<string?>(ComplaintSearchIndex.PhoneKey).HasMaxLength(32);
        entity.HasIndex(ComplaintSearchIndex.PhoneKey);
        entity.Property<string?>(ComplaintSearchIndex.PhoneEndKey).HasMaxLength(32);
        entity.HasIndex(ComplaintSearchIndex.PhoneEndKey);
        entity.Property(c => c.Reason).HasMaxLength(ComplaintIntake.TextMax);
        entity.Property(c => c.CustomerRequest).HasMaxLength(ComplaintIntake.TextMax);
        entity.Property(c => c.Remarks).HasMaxLength(ComplaintIntake.TextMax);
        entity.Property(c => c.AcceptedById).HasMaxLength(64);
        entity.Property(c => c.AcceptedByName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(c => c.AmountClaimed).HasPrecision(18, 2);
        entity.Property(c => c.AmountAgreed).HasPrecision(18, 2);
        entity.Property(c => c.Version).IsConcurrencyToken();

        // The queue lists open cases newest first, filtered by status or department.
        entity.HasIndex(c => new { c.Status, c.AcceptedAtUtc });
        entity.HasIndex(c => new { c.DepartmentId, c.Status });
        entity.HasIndex(c => c.AcceptedAtUtc);

        // Urgent cases come first in every order of the queue: the newest first reads this index.
        entity.HasIndex(c => new { c.Urgent, c.AcceptedAtUtc });
        entity.Property(c => c.Place).HasMaxLength(ComplaintIntake.PlaceMax);
        entity.Property(c => c.AssigneeId).HasMaxLength(64);

        // The SLA job looks for cases whose state is below a threshold that has passed.
        entity.HasIndex(c => new { c.SlaState, c.SlaAtRiskUtc });
        entity.HasIndex(c => new { c.SlaState, c.SlaDueUtc });
        entity.HasIndex(c => new { c.SlaState, c.SlaEscalateUtc });

        entity.HasOne<Department>().WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.SetNull);
        entity.HasMany(c => c.Timeline).WithOne().HasForeignKey(t => t.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        entity.Navigation(c => c.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
        entity.HasMany(c => c.HelperTasks).WithOne().HasForeignKey(t => t.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        entity.Navigation(c => c.HelperTasks).UsePropertyAccessMode(PropertyAccessMode.Field);
        entity.Ignore(c => c.SlaWindow);
    }
}
