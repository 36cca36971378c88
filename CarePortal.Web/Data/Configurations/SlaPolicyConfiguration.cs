using CarePortal.Domain.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> entity)
    {
        entity.HasIndex(p => new { p.Kind, p.Class, p.Tier, p.Urgent }).IsUnique();
        entity.Ignore(p => p.FirstResponseWindow);
        entity.Ignore(p => p.ResolutionWindow);
    }
}
