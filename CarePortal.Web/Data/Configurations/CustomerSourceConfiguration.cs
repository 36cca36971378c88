using CarePortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class CustomerSourceConfiguration : IEntityTypeConfiguration<CustomerSource>
{
    public void Configure(EntityTypeBuilder<CustomerSource> entity)
    {
        entity.Property(s => s.Name).HasMaxLength(CustomerSource.NameMax);
        entity.HasIndex(s => s.Name).IsUnique();
    }
}
