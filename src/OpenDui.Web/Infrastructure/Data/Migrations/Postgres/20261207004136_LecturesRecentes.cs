using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LecturesRecentes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LecturesEcrits_ProfessionnelId_LuLe_EcritId",
                table: "LecturesEcrits",
                columns: new[] { "ProfessionnelId", "LuLe", "EcritId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LecturesEcrits_ProfessionnelId_LuLe_EcritId",
                table: "LecturesEcrits");
        }
    }
}
