using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerStatusAndSource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SourceId",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "StatusSinceUtc",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CustomerSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerSources", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SourceId",
                table: "Customers",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Status_LastContactAtUtc",
                table: "Customers",
                columns: new[] { "Status", "LastContactAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSources_Name",
                table: "CustomerSources",
                column: "Name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Customers_CustomerSources_SourceId",
                table: "Customers",
                column: "SourceId",
                principalTable: "CustomerSources",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // The customers kept before the status are active from today: the lapse pass counts their time from here.
            migrationBuilder.Sql("UPDATE Customers SET StatusSinceUtc = strftime('%Y-%m-%d %H:%M:%S', 'now');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Customers_CustomerSources_SourceId",
                table: "Customers");

            migrationBuilder.DropTable(
                name: "CustomerSources");

            migrationBuilder.DropIndex(
                name: "IX_Customers_SourceId",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Status_LastContactAtUtc",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SourceId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "StatusSinceUtc",
                table: "Customers");
        }
    }
}
