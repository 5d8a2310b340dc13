from argmap.commands.main import run

run()
