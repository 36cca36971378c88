using CarePortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class CustomerConsentConfiguration : IEntityTypeConfiguration<CustomerConsent>
{
    public void Configure(EntityTypeBuilder<CustomerConsent> entity)
    {
        entity.Property(c => c.RecordedByName).HasMaxLength(CustomerLimits.ChangedBy);
        entity.HasIndex(c => new { c.CustomerId, c.AtUtc });
        entity.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
