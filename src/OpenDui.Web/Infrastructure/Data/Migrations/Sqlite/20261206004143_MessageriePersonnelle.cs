using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessageriePersonnelle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AdresseMssPersonnelle",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "JetonsEnvoiMss",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JetonChiffre = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ExpireLe = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JetonsEnvoiMss", x => x.MessageId);
                    table.ForeignKey(
                        name: "FK_JetonsEnvoiMss_MessagesMss_MessageId",
                        column: x => x.MessageId,
                        principalTable: "MessagesMss",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JetonsEnvoiMss_ExpireLe",
                table: "JetonsEnvoiMss",
                column: "ExpireLe");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JetonsEnvoiMss");

            migrationBuilder.DropColumn(
                name: "AdresseMssPersonnelle",
                table: "AspNetUsers");
        }
    }
}
