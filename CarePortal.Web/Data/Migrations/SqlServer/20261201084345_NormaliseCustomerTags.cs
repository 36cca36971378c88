using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.SqlServer
{
    /// <summary>
    /// Customers' tags in the one form of <c>CustomerTags</c>: imports stored them as typed
    /// (<c>VIP，物业</c>), the filter matches whole tags between commas. Separators (<c>，</c> <c>;</c>)
    /// become <c>,</c>; blanks around each tag and empty tags go, by collapsing until nothing changes.
    /// Comparisons are binary: a width-insensitive collation would take <c>；</c> for <c>;</c>.
    /// </summary>
    public partial class NormaliseCustomerTags : Migration
    {
        private const string Binary = "COLLATE Latin1_General_BIN2";

        // The blanks CustomerTags trims, as of this migration: space, tab, LF, CR, no-break space, ideographic space.
        private static readonly string[] Blanks = ["N' '", "NCHAR(9)", "NCHAR(10)", "NCHAR(13)", "NCHAR(160)", "NCHAR(12288)"];

        /// <summary>One collapsing step of a comma-wrapped tag list: blanks next to a comma and empty tags removed.</summary>
        private static string Step(string tags) =>
            "REPLACE(" + Blanks.Aggregate(tags, (t, b) => $"REPLACE(REPLACE({t}, {b} + N',', N','), N',' + {b}, N',')") + ", N',,', N',')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                WITH [Steps] ([Id], [Tags]) AS (
                    SELECT [Id], CAST(N',' + REPLACE(REPLACE([Tags] {Binary}, NCHAR(65292), N','), N';', N',') + N',' AS nvarchar(max)) {Binary}
                    FROM [Customers] WHERE DATALENGTH([Tags]) > 0
                    UNION ALL
                    SELECT [Id], CAST({Step("[Tags]")} AS nvarchar(max)) {Binary}
                    FROM [Steps] WHERE DATALENGTH({Step("[Tags]")}) < DATALENGTH([Tags])
                )
                UPDATE [c] SET [Tags] = CASE WHEN [s].[Tags] = N',' THEN N'' ELSE SUBSTRING([s].[Tags], 2, DATALENGTH([s].[Tags]) / 2 - 2) END
                FROM [Customers] AS [c] JOIN [Steps] AS [s] ON [s].[Id] = [c].[Id]
                WHERE DATALENGTH({Step("[s].[Tags]")}) = DATALENGTH([s].[Tags])
                OPTION (MAXRECURSION 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The tags as first typed are not kept; normalised tags stay normalised.
        }
    }
}
