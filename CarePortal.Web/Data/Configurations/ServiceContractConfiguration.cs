using CarePortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class ServiceContractConfiguration : IEntityTypeConfiguration<ServiceContract>
{
    public void Configure(EntityTypeBuilder<ServiceContract> entity)
    {
        entity.Property(c => c.Number).HasMaxLength(ServiceContract.NumberMax);
        entity.Property(c => c.Sites).HasMaxLength(ServiceContract.SitesMax);
        entity.Property(c => c.Services).HasMaxLength(ServiceContract.ServicesMax);
        entity.Property(c => c.DeductionTerms).HasMaxLength(ServiceContract.TermsMax);
        entity.Property(c => c.MonthlyFee).HasPrecision(18, 2);
        entity.Property(c => c.ChangedBy).HasMaxLength(CustomerLimits.ChangedBy);
        entity.Property(c => c.Version).IsConcurrencyToken();
        entity.Ignore(c => c.SiteList);

        // The case page and the register form read a customer's contracts by term.
        entity.HasIndex(c => new { c.CustomerId, c.StartsOn });
        entity.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
