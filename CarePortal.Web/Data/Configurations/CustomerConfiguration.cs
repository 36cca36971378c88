using CarePortal.Domain.Calendar;
using CarePortal.Web.Data;
using CarePortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

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
        entity.Property(c => c.Sites).HasMaxLength(CustomerLimits.Sites);
        entity.Ignore(c => c.SiteList);
        entity.Property(c => c.AccountManagerId).HasMaxLength(64);
        entity.Property(c => c.ChangedBy).HasMaxLength(CustomerLimits.ChangedBy);
        entity.Property(c => c.Version).IsConcurrencyToken();
        entity.HasIndex(c => c.Name);
        entity.HasIndex(c => c.Phone);
        entity.HasIndex(c => c.AccountManagerId);
        entity.HasIndex(c => c.LastContactAtUtc);
        entity.HasIndex(c => c.DetailsVerifiedOn);
        entity.HasIndex(c => new { c.Status, c.LastContactAtUtc });
        entity.HasIndex(c => c.SourceId);
        entity.HasOne<CustomerSource>().WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.SetNull);
        entity.HasIndex(c => new { c.Tier, c.Segment });
        entity.Ignore(c => c.TagList);
        entity.OwnsOne(c => c.Birthday, BirthdayColumns);
        entity.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<CareUser>().WithMany().HasForeignKey(c => c.AccountManagerId).OnDelete(DeleteBehavior.ClientSetNull);
    }

    /// <summary>A birthday is columns of its owner: calendar, month, day, leap month (and the optional year).</summary>
    internal static void BirthdayColumns<TOwner>(OwnedNavigationBuilder<TOwner, YearlyDate> birthday)
        where TOwner : class
    {
        DateColumns(birthday, "Birthday");

        // The birthday planner looks people up by the birthday keys of a day.
        birthday.HasIndex(b => new { b.Calendar, b.Month, b.Day });
    }

    /// <summary>A calendar date of its owner (a birthday, a campaign's custom date) as prefixed columns.</summary>
    internal static void DateColumns<TOwner>(OwnedNavigationBuilder<TOwner, YearlyDate> date, string prefix)
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
