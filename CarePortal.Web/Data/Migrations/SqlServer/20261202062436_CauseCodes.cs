using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CauseCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CauseCodeId",
                table: "Complaints",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CauseCodes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ParentId = table.Column<int>(type: "int", nullable: true),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Retired = table.Column<bool>(type: "bit", nullable: false),
                    Order = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CauseCodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CauseCodes_CauseCodes_ParentId",
                        column: x => x.ParentId,
                        principalTable: "CauseCodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CauseCodeId",
                table: "Complaints",
                column: "CauseCodeId");

            migrationBuilder.CreateIndex(
                name: "IX_CauseCodes_ParentId",
                table: "CauseCodes",
                column: "ParentId");

            migrationBuilder.AddForeignKey(
                name: "FK_Complaints_CauseCodes_CauseCodeId",
                table: "Complaints",
                column: "CauseCodeId",
                principalTable: "CauseCodes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Complaints_CauseCodes_CauseCodeId",
                table: "Complaints");

            migrationBuilder.DropTable(
                name: "CauseCodes");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_CauseCodeId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "CauseCodeId",
                table: "Complaints");
        }
    }
}
