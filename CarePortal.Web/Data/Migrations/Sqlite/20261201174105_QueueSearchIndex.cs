using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CustomerNameKey",
                table: "Complaints",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerPhoneEndKey",
                table: "Complaints",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerPhoneKey",
                table: "Complaints",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ComplaintSearchTokens",
                columns: table => new
                {
                    Token = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    ComplaintId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintSearchTokens", x => new { x.Token, x.ComplaintId });
                    table.ForeignKey(
                        name: "FK_ComplaintSearchTokens_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CustomerPhoneEndKey",
                table: "Complaints",
                column: "CustomerPhoneEndKey");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CustomerPhoneKey",
                table: "Complaints",
                column: "CustomerPhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintSearchTokens_ComplaintId",
                table: "ComplaintSearchTokens",
                column: "ComplaintId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintSearchTokens");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_CustomerPhoneEndKey",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_CustomerPhoneKey",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "CustomerNameKey",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "CustomerPhoneEndKey",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "CustomerPhoneKey",
                table: "Complaints");
        }
    }
}
