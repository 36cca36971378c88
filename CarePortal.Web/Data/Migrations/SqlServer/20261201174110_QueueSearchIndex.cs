using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QueueSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "AcceptanceNumber",
                table: "Complaints",
                type: "nvarchar(24)",
                maxLength: 24,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(24)",
                oldMaxLength: 24);

            migrationBuilder.AddColumn<string>(
                name: "CustomerNameKey",
                table: "Complaints",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerPhoneEndKey",
                table: "Complaints",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "CustomerPhoneKey",
                table: "Complaints",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ComplaintSearchTokens",
                columns: table => new
                {
                    Token = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false, collation: "Latin1_General_100_BIN2"),
                    ComplaintId = table.Column<int>(type: "int", nullable: false)
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

            migrationBuilder.AlterColumn<string>(
                name: "AcceptanceNumber",
                table: "Complaints",
                type: "nvarchar(24)",
                maxLength: 24,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(24)",
                oldMaxLength: 24,
                oldCollation: "Latin1_General_100_BIN2");
        }
    }
}
