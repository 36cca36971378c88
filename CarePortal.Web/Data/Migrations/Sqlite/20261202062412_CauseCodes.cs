using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CauseCodes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
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
