"""The app's resources (icons, application icon, `.desktop` entry, theme), shipped as the package
data `websight_desk.resources` (setup.py maps this folder there); read with
`importlib.resources.files("websight_desk.resources")`, never by a path relative to the code."""
