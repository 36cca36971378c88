using CarePortal.Web.Data;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> entity)
    {
        entity.Property(n => n.UserId).HasMaxLength(64);
        entity.Property(n => n.Reference).HasMaxLength(ComplaintIntake.NameMax);
        entity.Ignore(n => n.Link);

        // Exactly once per person, subject, threshold and deadline, whatever runs the job.
        entity.HasIndex(n => new { n.UserId, n.Subject, n.SubjectId, n.Kind, n.DeadlineUtc }).IsUnique();
        entity.HasIndex(n => new { n.UserId, n.ReadAtUtc });

        // The inbox pages a user's alerts newest first.
        entity.HasIndex(n => new { n.UserId, n.CreatedAtUtc });
        entity.HasIndex(n => new { n.Subject, n.SubjectId });
        entity.HasOne<CareUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
