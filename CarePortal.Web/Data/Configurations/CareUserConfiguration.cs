using CarePortal.Web.Data;
using CarePortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class CareUserConfiguration : IEntityTypeConfiguration<CareUser>
{
    public void Configure(EntityTypeBuilder<CareUser> entity)
    {
        entity.Property(u => u.DisplayName).HasMaxLength(StaffAccountRules.DisplayNameMax);
        entity.Property(u => u.Language).HasMaxLength(10);
        entity.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}
