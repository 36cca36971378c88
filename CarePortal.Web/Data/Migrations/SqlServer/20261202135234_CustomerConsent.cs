using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CustomerConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ConsentsToGreetings",
                table: "Customers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ConsentsToService",
                table: "Customers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ConsentsToSurveys",
                table: "Customers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CustomerConsents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    Purpose = table.Column<int>(type: "int", nullable: false),
                    Given = table.Column<bool>(type: "bit", nullable: false),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RecordedByName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerConsents_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerConsents_CustomerId_AtUtc",
                table: "CustomerConsents",
                columns: new[] { "CustomerId", "AtUtc" });

            // Customers kept before consent was recorded (issue 18): consent for service messages, and for
            // greetings unless they opted out, recorded as such, so nothing stops the day this lands (an erased
            // customer, 已删除客户, none: CustomerHistory.Erased).
            migrationBuilder.Sql("UPDATE Customers SET ConsentsToService = CASE WHEN Name = N'已删除客户' THEN 0 ELSE 1 END, ConsentsToGreetings = CASE WHEN GreetingOptOut = 1 THEN 0 ELSE 1 END;");
            migrationBuilder.Sql("INSERT INTO CustomerConsents (CustomerId, Purpose, Given, Channel, AtUtc, RecordedByName) "
                + "SELECT Id, 0, 1, 5, SYSUTCDATETIME(), '' FROM Customers WHERE Name <> N'已删除客户';");
            migrationBuilder.Sql("INSERT INTO CustomerConsents (CustomerId, Purpose, Given, Channel, AtUtc, RecordedByName) "
                + "SELECT Id, 1, 1, 5, SYSUTCDATETIME(), '' FROM Customers WHERE GreetingOptOut = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerConsents");

            migrationBuilder.DropColumn(
                name: "ConsentsToGreetings",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ConsentsToService",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ConsentsToSurveys",
                table: "Customers");
        }
    }
}
