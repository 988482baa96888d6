using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VersionsEnVigueur : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_UsagerId_ArreteeLe",
                table: "Prescriptions",
                columns: new[] { "UsagerId", "ArreteeLe" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_UsagerId_RemplaceeLe",
                table: "Prescriptions",
                columns: new[] { "UsagerId", "RemplaceeLe" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_UsagerId_ArreteeLe",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_UsagerId_RemplaceeLe",
                table: "Prescriptions");
        }
    }
}
