using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class AcceptanceCounterConfiguration : IEntityTypeConfiguration<AcceptanceCounter>
{
    public void Configure(EntityTypeBuilder<AcceptanceCounter> entity) => entity.HasKey(c => new { c.Day, c.Kind });
}
