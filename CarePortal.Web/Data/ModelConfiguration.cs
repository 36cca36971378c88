using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> entity)
    {
        entity.HasIndex(c => c.AcceptanceNumber).IsUnique();
        entity.Property(c => c.AcceptanceNumber).HasMaxLength(24);
        entity.Property(c => c.CustomerName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(c => c.CustomerAddress).HasMaxLength(ComplaintIntake.AddressMax);
        entity.Property(c => c.CustomerPhone).HasMaxLength(32);
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
        entity.Property(c => c.AssigneeId).HasMaxLength(64);

        // The SLA job looks for cases whose state is below a threshold that has passed.
        entity.HasIndex(c => new { c.SlaState, c.SlaAtRiskUtc });
        entity.HasIndex(c => new { c.SlaState, c.SlaDueUtc });
        entity.HasIndex(c => new { c.SlaState, c.SlaEscalateUtc });

        entity.HasOne<Department>().WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.SetNull);
        entity.HasMany(c => c.Timeline).WithOne().HasForeignKey(t => t.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        entity.Navigation(c => c.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
        entity.Ignore(c => c.SlaWindow);
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> entity)
    {
        entity.HasIndex(p => new { p.Class, p.Tier }).IsUnique();
        entity.Ignore(p => p.FirstResponseWindow);
        entity.Ignore(p => p.ResolutionWindow);
    }
}

internal sealed class CalendarAdjustmentConfiguration : IEntityTypeConfiguration<CalendarAdjustment>
{
    public void Configure(EntityTypeBuilder<CalendarAdjustment> entity)
    {
        entity.HasKey(a => a.Date);
        entity.Property(a => a.Note).HasMaxLength(100);
    }
}

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
        entity.HasIndex(n => new { n.Subject, n.SubjectId });
        entity.HasOne<CareUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> entity)
    {
        entity.Property(d => d.Name).HasMaxLength(64);
        entity.HasIndex(d => d.Name).IsUnique();
        entity.Property(d => d.AuthorityLimit).HasPrecision(18, 2);
        entity.HasOne<CareUser>().WithMany().HasForeignKey(d => d.HeadUserId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> entity)
    {
        entity.Property(c => c.Name).HasMaxLength(CustomerLimits.Name);
        entity.Property(c => c.Address).HasMaxLength(CustomerLimits.Address);
        entity.Property(c => c.Phone).HasMaxLength(CustomerLimits.Phone);
        entity.Property(c => c.Email).HasMaxLength(CustomerLimits.Email);
        entity.Property(c => c.Segment).HasMaxLength(CustomerLimits.Segment);
        entity.Property(c => c.Tags).HasMaxLength(CustomerLimits.Tags);
        entity.Property(c => c.AccountManagerId).HasMaxLength(64);
        entity.HasIndex(c => c.Name);
        entity.HasIndex(c => c.Phone);
        entity.HasIndex(c => c.AccountManagerId);
        entity.HasIndex(c => c.LastContactAtUtc);
        entity.Ignore(c => c.TagList);
        entity.OwnsOne(c => c.Birthday, BirthdayColumns);
        entity.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<CareUser>().WithMany().HasForeignKey(c => c.AccountManagerId).OnDelete(DeleteBehavior.ClientSetNull);
    }

    /// <summary>A birthday is columns of its owner: calendar, month, day, leap month (and the optional year).</summary>
    internal static void BirthdayColumns<TOwner>(OwnedNavigationBuilder<TOwner, Birthday> birthday)
        where TOwner : class
    {
        DateColumns(birthday, "Birthday");

        // The birthday planner looks people up by the birthday keys of a day.
        birthday.HasIndex(b => new { b.Calendar, b.Month, b.Day });
    }

    /// <summary>A calendar date of its owner (a birthday, a campaign's custom date) as prefixed columns.</summary>
    internal static void DateColumns<TOwner>(OwnedNavigationBuilder<TOwner, Birthday> date, string prefix)
        where TOwner : class
    {
        date.Property(b => b.Calendar).HasColumnName($"{prefix}Calendar");
        date.Property(b => b.Month).HasColumnName($"{prefix}Month");
        date.Property(b => b.Day).HasColumnName($"{prefix}Day");
        date.Property(b => b.LeapMonth).HasColumnName($"{prefix}LeapMonth");
        date.Property(b => b.Year).HasColumnName($"{prefix}Year");
        date.Ignore(b => b.IsValid);
    }
}

internal sealed class CustomerContactConfiguration : IEntityTypeConfiguration<CustomerContact>
{
    public void Configure(EntityTypeBuilder<CustomerContact> entity)
    {
        entity.Property(c => c.Name).HasMaxLength(CustomerLimits.ContactName);
        entity.Property(c => c.Title).HasMaxLength(CustomerLimits.ContactTitle);
        entity.Property(c => c.Phone).HasMaxLength(CustomerLimits.Phone);
        entity.OwnsOne(c => c.Birthday, CustomerConfiguration.BirthdayColumns);
    }
}

internal sealed class PersonalDataRevealConfiguration : IEntityTypeConfiguration<PersonalDataReveal>
{
    public void Configure(EntityTypeBuilder<PersonalDataReveal> entity)
    {
        entity.Property(r => r.UserId).HasMaxLength(64);
        entity.Property(r => r.UserName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(r => r.Field).HasMaxLength(16);
        entity.HasIndex(r => r.AtUtc);
        entity.HasIndex(r => r.CustomerId);
    }
}

internal sealed class CareUserConfiguration : IEntityTypeConfiguration<CareUser>
{
    public void Configure(EntityTypeBuilder<CareUser> entity)
    {
        entity.Property(u => u.DisplayName).HasMaxLength(ComplaintIntake.NameMax);
        entity.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}

internal sealed class AcceptanceCounterConfiguration : IEntityTypeConfiguration<AcceptanceCounter>
{
    public void Configure(EntityTypeBuilder<AcceptanceCounter> entity) => entity.HasKey(c => c.Day);
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> entity)
    {
        entity.Property(f => f.AssigneeId).HasMaxLength(64);
        entity.Property(f => f.Purpose).HasMaxLength(FollowUp.TextMax);
        entity.Property(f => f.Outcome).HasMaxLength(FollowUp.TextMax);
        entity.Property(f => f.Report).HasMaxLength(FollowUp.TextMax);
        entity.Ignore(f => f.IsPending);
        entity.Ignore(f => f.OffersReopen);

        // "My follow-ups" and the calendar read by assignee and time; the reminder job by status and time.
        entity.HasIndex(f => new { f.AssigneeId, f.PlannedAtUtc });
        entity.HasIndex(f => new { f.Status, f.OverdueFlaggedAtUtc, f.PlannedAtUtc });
        entity.HasIndex(f => f.CustomerId);

        entity.HasIndex(f => f.ComplaintId);

        // A call-list greeting makes one task, however often the dispatch tries it.
        entity.HasIndex(f => f.GreetingId).IsUnique();
        entity.HasOne<Customer>().WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<Complaint>().WithMany().HasForeignKey(f => f.ComplaintId).OnDelete(DeleteBehavior.ClientSetNull);
        entity.HasOne<CareUser>().WithMany().HasForeignKey(f => f.AssigneeId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}

internal sealed class CareCampaignConfiguration : IEntityTypeConfiguration<CareCampaign>
{
    public void Configure(EntityTypeBuilder<CareCampaign> entity)
    {
        entity.Property(c => c.Name).HasMaxLength(CampaignLimits.Name);
        entity.Property(c => c.AudienceSegment).HasMaxLength(CampaignLimits.AudienceSegment);
        entity.Property(c => c.AudienceTag).HasMaxLength(CampaignLimits.AudienceTag);
        entity.Property(c => c.AudienceAccountManagerId).HasMaxLength(64);
        entity.Property(c => c.TemplateChinese).HasMaxLength(CampaignLimits.Template);
        entity.Property(c => c.TemplateEnglish).HasMaxLength(CampaignLimits.Template);
        entity.Property(c => c.ChangedBy).HasMaxLength(CampaignLimits.ChangedBy);
        entity.Property(c => c.Version).IsConcurrencyToken();
        entity.Ignore(c => c.OccasionKey);
        entity.OwnsOne(c => c.CustomDate, date => CustomerConfiguration.DateColumns(date, "Custom"));
        entity.HasIndex(c => c.Status);
    }
}

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
