using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Photos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PhotosUsagers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TypeContenu = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Taille = table.Column<long>(type: "INTEGER", nullable: false),
                    Empreinte = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CleStockage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PriseLe = table.Column<long>(type: "INTEGER", nullable: false),
                    PriseParId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PriseParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhotosUsagers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PhotosUsagers_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PhotosUsagers_UsagerId",
                table: "PhotosUsagers",
                column: "UsagerId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PhotosUsagers");
        }
    }
}
