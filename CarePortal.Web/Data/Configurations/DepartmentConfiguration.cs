using CarePortal.Web.Data;
using CarePortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> entity)
    {
        entity.Property(d => d.Name).HasMaxLength(FieldLengths.DepartmentName);
        entity.HasIndex(d => d.Name).IsUnique();
        entity.Property(d => d.AuthorityLimit).HasPrecision(18, 2);
        entity.HasOne<CareUser>().WithMany().HasForeignKey(d => d.HeadUserId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}
