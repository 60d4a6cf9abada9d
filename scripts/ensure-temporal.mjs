console.log("ROOT POSTINSTALL RAN")
