using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProSanteConnect : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdentifiantNational",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SessionsPsc",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProfessionnelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JetonAcces = table.Column<string>(type: "TEXT", nullable: false),
                    AccesExpireLe = table.Column<long>(type: "INTEGER", nullable: false),
                    IdToken = table.Column<string>(type: "TEXT", nullable: true),
                    CreeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpireLe = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionsPsc", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionsPsc_AspNetUsers_ProfessionnelId",
                        column: x => x.ProfessionnelId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_IdentifiantNational",
                table: "AspNetUsers",
                column: "IdentifiantNational",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionsPsc_ExpireLe",
                table: "SessionsPsc",
                column: "ExpireLe");

            migrationBuilder.CreateIndex(
                name: "IX_SessionsPsc_ProfessionnelId",
                table: "SessionsPsc",
                column: "ProfessionnelId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionsPsc");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_IdentifiantNational",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "IdentifiantNational",
                table: "AspNetUsers");
        }
    }
}
