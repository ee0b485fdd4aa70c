; Inno Setup 6 script for Tambon Desk (UTF-8 with BOM: it holds Thai text).
; Installs the PyInstaller folder dist\TambonDesk into Program Files for all users, adds
; Start-menu and desktop shortcuts with Thai names, and creates the machine-wide data folder
; C:\ProgramData\TambonDesk writable by every user of the PC (DESIGN §2), so every Windows
; account sees the same database. Uninstalling keeps that folder: it holds the data.
; Build: python installer\build.py   (or: ISCC installer\tambon_desk.iss)
; Thai wizard texts: put Thai.isl (Inno Setup's translation, jrsoftware.org/files/istrans/)
; next to this file; without it the installer is built in English only.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "TambonDesk.exe"
#define HaveThai FileExists(AddBackslash(SourcePath) + "Thai.isl")

[Setup]
AppId={{6B0E3F2C-8A4D-4C57-9E1B-2D7A5C8F1E43}
AppName=Tambon Desk
AppVersion={#AppVersion}
AppVerName=Tambon Desk {#AppVersion}
AppPublisher=Tambon Desk
DefaultDirName={autopf}\TambonDesk
DefaultGroupName={cm:GroupName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=TambonDesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Tambon Desk

[Languages]
#if HaveThai
Name: "th"; MessagesFile: "Thai.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
#if HaveThai
th.AppTitle=ระบบสารสนเทศตำบล (Tambon Desk)
th.GroupName=ระบบสารสนเทศตำบล
th.DemoTitle=ระบบสารสนเทศตำบล - ข้อมูลตัวอย่างสำหรับฝึกใช้งาน
th.DataFolder=โฟลเดอร์ข้อมูลของระบบสารสนเทศตำบล
#endif
en.AppTitle=Tambon Desk
en.GroupName=Tambon Desk
en.DemoTitle=Tambon Desk - demo data for practice
en.DataFolder=Tambon Desk data folder

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Dirs]
; the shared data folder: database, backups, attachments; every user may write
Name: "{commonappdata}\TambonDesk"; Permissions: users-modify; Flags: uninsneveruninstall

[Files]
Source: "..\dist\TambonDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:GroupName}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:GroupName}\{cm:DemoTitle}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:GroupName}\{cm:DataFolder}"; Filename: "{commonappdata}\TambonDesk"
Name: "{autoprograms}\{cm:GroupName}\{cm:UninstallProgram,{cm:AppTitle}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent
