using CarePortal.Web.Data;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class CareUserConfiguration : IEntityTypeConfiguration<CareUser>
{
    public void Configure(EntityTypeBuilder<CareUser> entity)
    {
        entity.Property(u => u.DisplayName).HasMaxLength(ComplaintIntake.NameMax);
        entity.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}
