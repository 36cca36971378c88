using CarePortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

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
