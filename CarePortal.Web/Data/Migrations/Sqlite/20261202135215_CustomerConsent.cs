using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ConsentsToService",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ConsentsToSurveys",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CustomerConsents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    Given = table.Column<bool>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
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
            migrationBuilder.Sql("UPDATE Customers SET ConsentsToService = CASE WHEN Name = '已删除客户' THEN 0 ELSE 1 END, ConsentsToGreetings = CASE WHEN GreetingOptOut = 1 THEN 0 ELSE 1 END;");
            migrationBuilder.Sql("INSERT INTO CustomerConsents (CustomerId, Purpose, Given, Channel, AtUtc, RecordedByName) "
                + "SELECT Id, 0, 1, 5, strftime('%Y-%m-%d %H:%M:%S', 'now'), '' FROM Customers WHERE Name <> '已删除客户';");
            migrationBuilder.Sql("INSERT INTO CustomerConsents (CustomerId, Purpose, Given, Channel, AtUtc, RecordedByName) "
                + "SELECT Id, 1, 1, 5, strftime('%Y-%m-%d %H:%M:%S', 'now'), '' FROM Customers WHERE GreetingOptOut = 0;");
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
