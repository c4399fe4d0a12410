"""The app's resources (icons, application icon, `.desktop` entry, theme), shipped as the package
data `websight_desk.resources` (setup.py maps this folder there); found through
this package (`websight_desk.ui.icons.RESOURCES`), never by a path relative to the code."""
