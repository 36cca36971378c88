using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

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
