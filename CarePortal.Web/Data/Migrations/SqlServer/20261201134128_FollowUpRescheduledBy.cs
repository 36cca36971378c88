using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FollowUpRescheduledBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RescheduledAtUtc",
                table: "FollowUps",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RescheduledBy",
                table: "FollowUps",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // A follow-up moved before this column was there: its last change (by whom, when) was the move (status 3, Rescheduled).
            migrationBuilder.Sql("UPDATE [FollowUps] SET [RescheduledBy] = [ChangedBy], [RescheduledAtUtc] = [ChangedAtUtc] WHERE [Status] = 3 AND [ChangedBy] <> N''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RescheduledAtUtc",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "RescheduledBy",
                table: "FollowUps");
        }
    }
}
