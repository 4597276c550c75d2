from spacefacts.cli import main

main()
