using CarePortal.Domain;
using CarePortal.Web.Data;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> entity)
    {
        entity.Property(f => f.AssigneeId).HasMaxLength(64);
        entity.Property(f => f.Purpose).HasMaxLength(FollowUp.TextMax);
        entity.Property(f => f.Outcome).HasMaxLength(FollowUp.TextMax);
        entity.Property(f => f.Report).HasMaxLength(FollowUp.TextMax);
        entity.Property(f => f.Version).IsConcurrencyToken();
        entity.Property(f => f.ChangedBy).HasMaxLength(FieldLengths.Name);
        entity.Property(f => f.RescheduledBy).HasMaxLength(FieldLengths.Name);
        entity.Ignore(f => f.IsPending);
        entity.Ignore(f => f.OffersReopen);

        // "My follow-ups" and the calendar read by assignee and time; the reminder job by status and time.
        entity.HasIndex(f => new { f.AssigneeId, f.PlannedAtUtc });

        // The calendar for everyone reads a period by planned time, whoever the assignee.
        entity.HasIndex(f => f.PlannedAtUtc);
        entity.HasIndex(f => new { f.Status, f.OverdueFlaggedAtUtc, f.PlannedAtUtc });
        entity.HasIndex(f => f.CustomerId);

        entity.HasIndex(f => f.ComplaintId);

        // A call-list greeting makes one task, however often the dispatch tries it.
        entity.HasIndex(f => f.GreetingId).IsUnique();
        // A visit rule plans one follow-up per customer and period, however often or on however many servers its job runs.
        entity.HasIndex(f => new { f.CustomerId, f.VisitRuleId, f.PeriodStart }).IsUnique();
        entity.HasIndex(f => f.VisitRuleId);
        entity.HasOne<VisitRule>().WithMany().HasForeignKey(f => f.VisitRuleId).OnDelete(DeleteBehavior.ClientSetNull);
        entity.HasOne<Customer>().WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<Complaint>().WithMany().HasForeignKey(f => f.ComplaintId).OnDelete(DeleteBehavior.ClientSetNull);
        entity.HasOne<CareUser>().WithMany().HasForeignKey(f => f.AssigneeId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}
